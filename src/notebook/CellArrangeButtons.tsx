/** What every cell's toolbar can do to its place in the notebook. */
export interface CellArrangeProps {
  onMove: (by: -1 | 1) => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

/** Move up, move down, duplicate and delete: the buttons code and markdown cells share. */
export function CellArrangeButtons(props: CellArrangeProps) {
  return (
    <>
      <button title="Move up" onClick={() => props.onMove(-1)}>↑</button>
      <button title="Move down" onClick={() => props.onMove(1)}>↓</button>
      <button title="Duplicate" onClick={() => props.onDuplicate()}>copy</button>
      <button title="Delete" onClick={() => props.onDelete()}>✕</button>
    </>
  );
}
