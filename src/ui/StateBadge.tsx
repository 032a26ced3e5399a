/** A run state as a coloured pill (running pulses, failed and crashed are red). */
export function StateBadge(props: { state: string }) {
  return <span class={`state-badge state-${props.state}`}>{props.state}</span>;
}
