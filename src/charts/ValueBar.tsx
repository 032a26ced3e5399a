import { barGeometry } from './barScale';
import './ValueBar.css';

/** Props of ValueBar. */
export interface ValueBarProps {
  value: number;
  /** The track's range (see barDomain); a zero line is drawn when it spans both signs. */
  domain: readonly [number, number];
  color: string;
  /** Read out instead of the bare value, for screen readers and the hover title. */
  label?: string;
}

/** One horizontal bar from zero to a value, in a track: a cell of a bar list or of a table column. */
export function ValueBar(props: ValueBarProps) {
  const geometry = () => barGeometry(props.value, props.domain);
  const zero = () => (props.domain[0] < 0 && props.domain[1] > 0 ? -props.domain[0] / (props.domain[1] - props.domain[0]) : null);
  return (
    <span class="value-bar" role="img" aria-label={props.label ?? String(props.value)} title={props.label}>
      <span class="value-bar-fill" style={{ left: `${geometry().left * 100}%`, width: `${geometry().width * 100}%`, background: props.color }} />
      {zero() !== null && <span class="value-bar-zero" style={{ left: `${zero()! * 100}%` }} />}
    </span>
  );
}
