import { createSignal, Show } from 'solid-js';
import { assertNever } from '../lib/assertNever';

/** Props of CopyTsvButton. */
export interface CopyTsvButtonProps {
  /** The text to copy, made on click (a table of 1,000 runs is not worth rebuilding on every change). */
  tsv: () => string;
  /** How many runs the text holds, for the message. */
  runs: number;
}

type CopyOutcome = { kind: 'copied'; runs: number } | { kind: 'refused'; text: string };

/**
 * "Copy as TSV": puts the text on the clipboard for a spreadsheet and says how many runs went. When the browser
 * refuses the clipboard (no permission, an insecure origin), the text is shown selected so Ctrl+C copies it instead.
 */
export function CopyTsvButton(props: CopyTsvButtonProps) {
  const [outcome, setOutcome] = createSignal<CopyOutcome | null>(null);
  const copy = async () => {
    const text = props.tsv();
    const runs = props.runs;
    try {
      await navigator.clipboard.writeText(text);
      setOutcome({ kind: 'copied', runs });
    } catch {
      setOutcome({ kind: 'refused', text });
    }
  };
  const message = () => {
    const o = outcome();
    if (!o) return '';
    switch (o.kind) {
      case 'copied':
        return `copied ${o.runs} runs`;
      case 'refused':
        return 'The browser refused the clipboard: the text is selected below, press Ctrl+C (⌘C) to copy it.';
      default:
        return assertNever(o);
    }
  };
  const refusedText = () => {
    const o = outcome();
    return o?.kind === 'refused' ? o.text : null;
  };
  return (
    <span class="copy-tsv">
      <button data-testid="copy-tsv" onClick={() => void copy()} title="Copy the shown columns of the listed runs, tab-separated, for a spreadsheet">
        Copy as TSV
      </button>
      <span class="muted" role="status" data-testid="copy-tsv-status">
        {message()}
      </span>
      <Show when={refusedText()}>
        {(text) => (
          <div class="copy-tsv-fallback">
            <textarea readOnly data-testid="copy-tsv-text" ref={(el) => queueMicrotask(() => el.select())} value={text()} />
            <button class="link" onClick={() => setOutcome(null)}>
              close
            </button>
          </div>
        )}
      </Show>
    </span>
  );
}
