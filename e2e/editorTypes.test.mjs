import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { openApp } from './harness/app.mjs';

/** Replaces the text of the cell at `index` (0-based) in one edit, as a paste would (no auto-closing or completion on the way). */
async function setCellText(page, index, text) {
  const cell = page.locator('.cell').nth(index);
  await cell.locator('.monaco-editor textarea').waitFor({ state: 'attached', timeout: 30_000 });
  await cell.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/** Where the first `word` shown in the cell's editor is, on the page. */
async function wordPoint(page, index, word) {
  const point = await page.evaluate(
    ({ index, word }) => {
      for (const line of document.querySelectorAll('.cell')[index].querySelectorAll('.view-line')) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent.indexOf(word);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          const box = range.getBoundingClientRect();
          return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        }
      }
      return null;
    },
    { index, word },
  );
  assert.ok(point, `"${word}" is shown in cell ${index}`);
  return point;
}

/**
 * Rests the mouse on `where()` until Monaco's hover shows `expected`, and returns the hover's text. Each try asks where
 * again and moves the mouse away and back: a re-check of the cell redraws its underlines, closes a hover opened just
 * before, and a still mouse opens no other.
 */
async function hoverText(page, where, expected) {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expected });
  for (let tries = 0; ; tries++) {
    const point = await where();
    if (point) await page.mouse.move(point.x, point.y);
    try {
      await hover.waitFor({ timeout: 3000 });
      const text = await hover.innerText();
      await page.mouse.move(0, 0);
      return text;
    } catch (error) {
      if (tries === 10) throw error;
      await page.mouse.move(0, 0);
    }
  }
}

/** The middle of the cell's first error underline, or null while it is being redrawn. */
async function squigglePoint(page, index) {
  const squiggle = page.locator('.cell').nth(index).locator('.squiggly-error').first();
  await squiggle.waitFor({ timeout: 30_000 });
  const box = await squiggle.boundingBox();
  return box && { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Gives the cell `text` and asserts that it has no error. Absence needs a sign that the text was checked, so the text
 * first goes in with a probe mistake as its last line: once the probe is the cell's only underline, the check that drew
 * it saw the whole of `text` and found nothing else. Then the probe is taken out.
 */
async function setCellTextWithoutErrors(page, index, text) {
  const probe = `labbookProbe${index}`;
  await setCellText(page, index, `${text}\n${probe}`);
  await page.waitForFunction(
    ([index, probe]) => {
      const cell = document.querySelectorAll('.cell')[index];
      const squiggles = cell?.querySelectorAll('.squiggly-error') ?? [];
      const probeLine = [...(cell?.querySelectorAll('.view-line') ?? [])].find((line) => line.textContent.includes(probe));
      if (squiggles.length !== 1 || !probeLine) return false;
      const [underline, line] = [squiggles[0].getBoundingClientRect(), probeLine.getBoundingClientRect()];
      return underline.top < line.bottom && underline.bottom > line.top;
    },
    [index, probe],
    { timeout: 60_000 },
  );
  await setCellText(page, index, text);
}

test('cell editors type-check against tfjs, labbook and the other cells, underline mistakes and complete tf.', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await openApp(context);
  await page.click('[data-testid=new-notebook]');
  await page.waitForURL(/#\/nb\//);

  // A typo in a tfjs call is underlined, the hover says what was meant, and fixing it removes the underline.
  await setCellText(page, 0, "import * as tf from '@tensorflow/tfjs'\nconst t = tf.tensr1d([1])");
  // Exactly one underline; a re-check may briefly clear and redraw them, so wait for the count rather than read it once.
  await page.waitForFunction(() => document.querySelectorAll('.cell')[0]?.querySelectorAll('.squiggly-error').length === 1, null, { timeout: 60_000 });
  assert.match(await hoverText(page, () => squigglePoint(page, 0), 'tensr1d'), /Property 'tensr1d' does not exist .*Did you mean 'tensor1d'\?/s);
  await setCellTextWithoutErrors(page, 0, "import * as tf from '@tensorflow/tfjs'\nconst t = tf.tensor1d([1])");

  // Another cell knows `tf` and `t` from the first one, with their types; only its real mistake is underlined.
  await page.click('[data-testid=add-cell]');
  await setCellText(page, 1, "t.print()\nconst x: number = 'a'");
  await page.waitForFunction(() => document.querySelectorAll('.cell')[1]?.querySelectorAll('.squiggly-error').length === 1, null, { timeout: 30_000 });
  assert.match(await hoverText(page, () => squigglePoint(page, 1), 'assignable'), /Type 'string' is not assignable to type 'number'/);
  await setCellTextWithoutErrors(page, 1, "t.print()\nconst x: number = tf.scalar(2).dataSync()[0]\ninit({ project: 'types' })");
  assert.match(await hoverText(page, () => wordPoint(page, 1, 'print'), 'print('), /print\(verbose\?: boolean\): void/);
  // `x`, which no cell reads, is faded as unused; `t`, which only the second cell reads, is not faded in the first.
  await page.waitForFunction(() => document.querySelectorAll('.cell')[1]?.querySelectorAll('.squiggly-inline-unnecessary').length >= 1, null, { timeout: 30_000 });
  // Waited for, not read once: a re-check briefly shows TypeScript's own markers before the scope drops that one.
  await page.waitForFunction(() => document.querySelectorAll('.cell')[0]?.querySelectorAll('.squiggly-inline-unnecessary').length === 0, null, { timeout: 30_000 });

  // Completion after `tf.` offers tensor1d; hovering tensor2d shows its signature.
  await page.click('[data-testid=add-cell]');
  await setCellText(page, 2, 'tf.tensor2d([[1, 2]])\n');
  await page.keyboard.type('tf.tens');
  const suggestion = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'tensor1d' });
  await suggestion.waitFor({ timeout: 30_000 });
  // Really seen: drawn over the page, not cut off by the cell's box (the row is what lies at its own centre).
  assert.ok(await suggestion.evaluate((row) => {
    const box = row.getBoundingClientRect();
    return row.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
  }));
  await page.keyboard.press('Escape');
  assert.match(await hoverText(page, () => wordPoint(page, 2, 'tensor2d'), 'tensor2d('), /tensor2d\(values: TensorLike2D, shape\?: \[number, number\], dtype\?: tf\.DataType\): tf\.Tensor2D/);

  assert.deepEqual(problems, []);
  await context.close();
});
