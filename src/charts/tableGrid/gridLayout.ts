import type { RowOrder } from '../../model/tables/tableQuery';
import type { RowGroup } from '../../model/tables/tableGroups';

/**
 * The grid's items (data rows and group rows) in display order and where each sits, without an object per row: a
 * million-row table made a million item objects and a million measurements (TanStack Virtual's), ~300 ms per sort.
 * An item's key is its row number, or -(g + 1) for group g's header row.
 */
export interface GridLayout {
  count: number;
  key(index: number): number;
  /** Pixels from the first item's top to this item's top. */
  top(index: number): number;
  /** The item at `y` pixels below the first item's top (the first or last item beyond either end). */
  indexAt(y: number): number;
  height: number;
}

/** Header key of group g. */
export const groupKey = (g: number) => -(g + 1);
/** Group index of a header key. */
export const groupOfKey = (key: number) => -key - 1;

/** Lays out rows of `rowHeight` in `order`, or under their groups' rows of `groupHeight` (rows only where open). */
export function gridLayout(order: RowOrder, groups: readonly RowGroup[] | null, isOpen: (group: RowGroup) => boolean, rowHeight: number, groupHeight: number): GridLayout {
  if (!groups) {
    return {
      count: order.length,
      key: (index) => order[index]!,
      top: (index) => index * rowHeight,
      indexAt: (y) => clamp(Math.floor(y / rowHeight), order.length),
      height: order.length * rowHeight,
    };
  }
  // starts[g]: the index of group g's header; the group's open rows follow it.
  const starts = new Uint32Array(groups.length + 1);
  groups.forEach((group, g) => (starts[g + 1] = starts[g]! + 1 + (isOpen(group) ? group.rows.length : 0)));
  const count = starts[groups.length]!;
  const groupOf = (index: number) => {
    let lo = 0;
    let hi = groups.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Every item before `index` counts a row's height, and each header among them the difference.
  const top = (index: number) => {
    const g = groupOf(Math.min(index, count - 1));
    const headers = index > starts[g]! ? g + 1 : g;
    return index * rowHeight + headers * (groupHeight - rowHeight);
  };
  return {
    count,
    key: (index) => {
      const g = groupOf(index);
      return index === starts[g] ? groupKey(g) : groups[g]!.rows[index - starts[g]! - 1]!;
    },
    top,
    indexAt: (y) => {
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (top(mid) <= y) lo = mid;
        else hi = mid - 1;
      }
      return Math.max(0, lo);
    },
    // The last item is a header when the last group is closed or empty.
    height: count === 0 ? 0 : top(count - 1) + (starts[groups.length - 1] === count - 1 ? groupHeight : rowHeight),
  };
}

function clamp(index: number, count: number): number {
  return Math.max(0, Math.min(count - 1, index));
}
