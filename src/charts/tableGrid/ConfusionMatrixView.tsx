import { createMemo, For } from 'solid-js';
import type { ConfusionMatrix } from '../../model/tables/confusion';

/** Props of ConfusionMatrixView. */
export interface ConfusionMatrixViewProps {
  matrix: ConfusionMatrix;
  truthName: string;
  predictionName: string;
  /** A cell was picked: show its rows. */
  onPick: (truthLabel: string, predictionLabel: string) => void;
}

/**
 * A confusion matrix: a row per true label, a column per predicted one, each cell shaded by its share of its row (so a
 * rare class's mistakes show as clearly as a common one's). Every cell is a button that filters the table to its rows.
 */
export function ConfusionMatrixView(props: ConfusionMatrixViewProps) {
  const rowTotals = createMemo(() => props.matrix.counts.map((row) => row.reduce((a, b) => a + b, 0)));
  const shade = (t: number, p: number) => {
    const total = rowTotals()[t]!;
    const share = total === 0 ? 0 : props.matrix.counts[t]![p]! / total;
    return { background: `rgba(29, 79, 176, ${(0.08 + 0.92 * share).toFixed(3)})`, color: share > 0.45 ? '#fff' : '#1f2430' };
  };
  return (
    <table class="confusion-matrix" data-testid="confusion-matrix" aria-label={`Confusion matrix: ${props.truthName} by ${props.predictionName}`}>
      <thead>
        <tr>
          <th scope="col" class="confusion-corner">
            {props.truthName} ↓ · {props.predictionName} →
          </th>
          <For each={props.matrix.labels}>{(label) => <th scope="col">{label}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For each={props.matrix.labels}>
          {(truth, t) => (
            <tr>
              <th scope="row">{truth}</th>
              <For each={props.matrix.labels}>
                {(prediction, p) => (
                  <td>
                    <button
                      class="confusion-cell"
                      data-truth={truth}
                      data-prediction={prediction}
                      style={shade(t(), p())}
                      aria-label={`${truth} predicted as ${prediction}: ${props.matrix.counts[t()]![p()]} rows`}
                      onClick={() => props.onPick(truth, prediction)}
                    >
                      {props.matrix.counts[t()]![p()]}
                    </button>
                  </td>
                )}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
