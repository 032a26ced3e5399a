import { For, Show } from 'solid-js';

/** Props of KeyValueTable. */
export interface KeyValueTableProps {
  title: string;
  rows: [string, string][];
  empty: string;
  testId?: string;
}

/** A titled two-column table (config, summary, environment). */
export function KeyValueTable(props: KeyValueTableProps) {
  return (
    <section class="kv" data-testid={props.testId}>
      <h2>{props.title}</h2>
      <Show when={props.rows.length > 0} fallback={<p class="muted">{props.empty}</p>}>
        <table class="grid">
          <tbody>
            <For each={props.rows}>
              {([key, value]) => (
                <tr>
                  <th scope="row">{key}</th>
                  <td>{value}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
