import MarkdownIt from 'markdown-it';
import katex from 'katex';
import katexPlugin, { type MarkdownKatexOptions } from '@vscode/markdown-it-katex';

// The plugin is CommonJS with `exports.default`: by Node's interop rules, which Vite 8 builds follow, a default import is
// the whole exports object, while vitest and the plugin's types hand over the function itself. Accept both.
const markdownItKatex: typeof katexPlugin = typeof katexPlugin === 'function' ? katexPlugin : (katexPlugin as unknown as { default: typeof katexPlugin }).default;

// CommonMark plus GFM tables and strikethrough (markdown-it has both built in), bare URLs as links, and raw HTML as
// Jupyter allows it: the output is sanitised afterwards (see markdown.ts), not escaped here.
const markdown = new MarkdownIt({ html: true, linkify: true });
// The plugin pins an older KaTeX (0.16) of its own; handing it ours keeps the markup in step with the KaTeX CSS we load.
// Its types name that older KaTeX, whose strict-mode callback knows fewer codes, hence the cast; renderToString is the same.
// throwOnError: false makes KaTeX show a bad formula's source in red instead of failing the whole cell.
markdown.use(markdownItKatex, { katex: katex as unknown as MarkdownKatexOptions['katex'], throwOnError: false });

/**
 * Renders a markdown cell's source (CommonMark, GFM tables, `$…$` inline and `$$…$$` display math) to HTML.
 * The HTML is NOT sanitised: put it in the page only through renderMarkdown (markdown.ts).
 */
export function markdownToHtml(source: string): string {
  return markdown.render(source);
}
