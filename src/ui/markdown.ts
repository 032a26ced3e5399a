import DOMPurify from 'dompurify';
import 'katex/dist/katex.min.css';
import { markdownToHtml } from './markdownToHtml';

// An instance of our own, so the link hook below reaches no other DOMPurify user on the page.
const purifier = DOMPurify(window);
// Links in a cell open in a new tab: following one in place would leave the notebook. noopener keeps the opened page
// from reaching back through window.opener.
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

// DOMPurify removes MathML's <semantics> and <annotation> (keeping the former's children); drop the annotation's
// text too, or KaTeX's TeX source would be read out after the formula it describes.
const SANITIZE_OPTIONS = { ADD_FORBID_CONTENTS: ['annotation'] };

/**
 * A markdown cell's source as sanitised HTML for innerHTML: markdown-it and KaTeX render it, DOMPurify removes scripts,
 * event handlers and `javascript:` URLs, and links open in a new tab. Loaded lazily (it is most of a megabyte with
 * KaTeX and its CSS), so the app shell never waits for it.
 */
export function renderMarkdown(source: string): string {
  return purifier.sanitize(markdownToHtml(source), SANITIZE_OPTIONS);
}
