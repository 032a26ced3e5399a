import { createSignal, type Accessor, type Setter } from 'solid-js';

/** How a grid's rows are chosen and arranged: its filter, sort and grouping, which grids side by side can share. */
export interface GridView {
  filterText: Accessor<string>;
  setFilterText: Setter<string>;
  sort: Accessor<{ column: string; direction: 'asc' | 'desc' } | null>;
  setSort: Setter<{ column: string; direction: 'asc' | 'desc' } | null>;
  groupBy: Accessor<string | null>;
  setGroupBy: Setter<string | null>;
}

/** A fresh view: no filter, no sort, no grouping. */
export function createGridView(): GridView {
  const [filterText, setFilterText] = createSignal('');
  const [sort, setSort] = createSignal<{ column: string; direction: 'asc' | 'desc' } | null>(null);
  const [groupBy, setGroupBy] = createSignal<string | null>(null);
  return { filterText, setFilterText, sort, setSort, groupBy, setGroupBy };
}
