import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdownToHtml';

describe('markdownToHtml', () => {
  it('markdownToHtml("# Title") renders CommonMark headings, emphasis and lists', () => {
    const html = markdownToHtml('# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<em>emphasis</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
  });

  it('markdownToHtml renders GFM tables and turns bare URLs into links', () => {
    const html = markdownToHtml('| metric | value |\n|---|--:|\n| loss | 0.1 |\n\nSee https://example.com.');
    expect(html).toMatch(/<table>[\s\S]*<th>metric<\/th>[\s\S]*<td style="text-align:right">0.1<\/td>/);
    expect(html).toContain('<a href="https://example.com">https://example.com</a>');
  });

  it('markdownToHtml renders $…$ inline math and $$…$$ display math with KaTeX', () => {
    const inline = markdownToHtml('Energy $E=mc^2$ here.');
    expect(inline).toContain('<span class="katex">');
    expect(inline).not.toContain('katex-display');
    expect(inline).toContain('<annotation encoding="application/x-tex">E=mc^2</annotation>');
    const display = markdownToHtml('$$\n\\mathcal{L} = -\\sum_i y_i \\log \\hat y_i\n$$');
    expect(display).toContain('class="katex-display"');
    expect(display).toContain('class="katex-block"');
  });

  it('markdownToHtml leaves prices such as $5 and $10 alone and shows a bad formula in KaTeX red instead of throwing', () => {
    expect(markdownToHtml('It costs $5 or $10.')).not.toContain('katex');
    const bad = markdownToHtml('$\\frac{1}{$');
    expect(bad).toContain('katex-error');
  });
});
