import { createMemo, createSignal, For, Match, onCleanup, onMount, Show, Switch, type JSX } from 'solid-js';
import { filterRows, parseTableFilter, sortRows, type RowOrder } from '../../model/tables/tableQuery';
import { allRows } from '../../model/tables/allRows';
import { columnRange, groupRows, numberSummary, scoreHistograms, topValues, type RowGroup } from '../../model/tables/tableGroups';
import { tableToCsv } from '../../model/tables/tableCsv';
import { confusionCellFilter, confusionMatrix } from '../../model/tables/confusion';
import { ConfusionMatrixView } from './ConfusionMatrixView';
import { tableZip } from './tableZip';
import { createGridView, type GridView } from './gridView';
import { gridLayout, groupOfKey } from './gridLayout';
import { defaultColumnWidth, headerWidth, MIN_COLUMN_WIDTH } from './columnWidths';
import type { BoxCell, HistogramCell, HtmlCell, ImageCell, TableCell, TableColumn, TableData } from '../../model/tables/tableTypes';
import { formatNumber } from '../../ui/format';
import { downloadFile } from '../../ui/download';
import { boxColor, MediaImage } from './MediaImage';
import { ImageZoom, type ZoomedImage } from './ImageZoom';
import type { MediaReader } from './mediaReader';
import { HistogramBars, ScoreBars } from './MiniCharts';
import './tableGrid.css';

/** Props of TableGrid. */
export interface TableGridProps {
  table: TableData;
  readMedia: MediaReader;
  /** The table's name, for its accessible label. */
  name: string;
  /** Filter, sort and grouping shared with other grids (side by side); the grid keeps its own otherwise. */
  view?: GridView;
}

/** Rows drawn beyond either edge of the view, so a fast scroll shows no gap before the next frame. */
const OVERSCAN = 10;
const ROW_HEIGHT = 34;
const IMAGE_ROW_HEIGHT = 52;
const GROUP_ROW_HEIGHT = 76;
const HEADER_HEIGHT = 34;
/** Bins of a group's histograms: few enough that a group of ten rows still shows a shape. */
const GROUP_BINS = 16;
const SCORE_BINS = 10;

/** Column types whose values make groups. */
const GROUPABLE: ReadonlySet<TableColumn['type']> = new Set(['number', 'string', 'boolean', 'scores']);

/**
 * A logged table as a grid, as W&B's table panel: virtualised rows (100,000 scroll as 30), a click on a header sorts,
 * the filter language of the workspace filters (`truth != prediction and score > 0.9`), and grouping by a column turns
 * every other column into its aggregate per group (numbers as a histogram and mean, class scores as one histogram per
 * class, text as its top values, images as a strip); a group row opens to its rows.
 */
export function TableGrid(props: TableGridProps) {
  const { filterText, setFilterText, sort, setSort, groupBy, setGroupBy } = props.view ?? createGridView();
  const [open, setOpen] = createSignal<ReadonlySet<string>>(new Set());
  const textColumns = () => props.table.columns.filter((c) => c.type === 'string');
  // The confusion matrix's columns: `truth` and `prediction` when the table has them, else its first two text columns.
  const [confusionOf, setConfusionOf] = createSignal<[string, string] | null>(null);
  const defaultPair = (): [string, string] | null => {
    const names = textColumns().map((c) => c.name);
    if (names.includes('truth') && names.includes('prediction')) return ['truth', 'prediction'];
    return names.length >= 2 ? [names[0]!, names[1]!] : null;
  };
  const matrix = createMemo(() => {
    const pair = confusionOf();
    const [truth, prediction] = pair ? [column(pair[0]), column(pair[1])] : [null, null];
    return truth && prediction ? confusionMatrix(truth, prediction, allRows(props.table.rows)) : null;
  });
  const column = (name: string | null) => props.table.columns.find((c) => c.name === name) ?? null;
  // Which columns show, in what order: the user's order first, then columns it does not name yet (a newer version's).
  const [order, setOrder] = createSignal<string[]>([]);
  const [hidden, setHidden] = createSignal<ReadonlySet<string>>(new Set());
  const arranged = createMemo(() => {
    const named = order().flatMap((name) => column(name) ?? []);
    return [...named, ...props.table.columns.filter((c) => !named.includes(c))];
  });
  const shown = createMemo(() => arranged().filter((c) => !hidden().has(c.name)));
  // Widths the user set by dragging or keys; the rest are each type's default.
  const [widths, setWidths] = createSignal<ReadonlyMap<string, number>>(new Map());
  const widthOf = (c: TableColumn) => widths().get(c.name) ?? Math.max(defaultColumnWidth(c, groupBy() !== null), headerWidth(c));
  const resize = (name: string, width: number) => setWidths(new Map(widths()).set(name, Math.max(MIN_COLUMN_WIDTH, Math.round(width))));
  const move = (name: string, by: number) => {
    const names = arranged().map((c) => c.name);
    const from = names.indexOf(name);
    const to = from + by;
    if (to < 0 || to >= names.length) return;
    names.splice(to, 0, names.splice(from, 1)[0]!);
    setOrder(names);
  };
  // Box classes seen in the image columns, with their names; which are hidden; the lowest box score shown.
  const boxClasses = createMemo(() => {
    const found = new Map<number, string>();
    for (const c of props.table.columns) {
      if (c.type !== 'image') continue;
      const named = (id: number) => c.classes?.[id] ?? `class ${id}`;
      for (const cell of c.values) {
        const image = cell as ImageCell | null;
        for (const box of image?.boxes ?? []) if (!found.has(box.classId)) found.set(box.classId, named(box.classId));
        // A mask's classes are in its pixels, read only when drawn: its column's class names stand for them.
        if (image?.masks) for (const id of Object.keys(c.classes ?? {})) if (!found.has(Number(id))) found.set(Number(id), named(Number(id)));
      }
    }
    return [...found].sort((a, b) => a[0] - b[0]);
  });
  const [hiddenClasses, setHiddenClasses] = createSignal<ReadonlySet<number>>(new Set());
  const [minScore, setMinScore] = createSignal(0);
  const showClass = (classId: number) => !hiddenClasses().has(classId);
  const showBox = (box: BoxCell) => showClass(box.classId) && (box.score === null || box.score >= minScore());
  const [zoomed, setZoomed] = createSignal<ZoomedImage | null>(null);
  const cellContext: CellContext = { readMedia: (hash) => props.readMedia(hash), showBox, showClass, zoom: setZoomed };
  const toggleClass = (id: number) => {
    const next = new Set(hiddenClasses());
    if (!next.delete(id)) next.add(id);
    setHiddenClasses(next);
  };
  const toggleHidden = (name: string) => {
    const next = new Set(hidden());
    if (!next.delete(name)) next.add(name);
    setHidden(next);
  };

  const filter = createMemo(() => parseTableFilter(filterText(), props.table));
  const filtered = createMemo((): RowOrder => {
    const f = filter();
    return f.ok && filterText().trim() !== '' ? filterRows(props.table.rows, f.test) : allRows(props.table.rows);
  });
  const ordered = createMemo(() => {
    const s = sort();
    const by = s && column(s.column);
    return by ? sortRows(filtered(), by, s.direction) : filtered();
  });
  const groups = createMemo(() => {
    const by = column(groupBy());
    return by ? groupRows(ordered(), by) : null;
  });
  // Each number and score column's range, which all its groups' histograms share: only needed once grouped.
  const ranges = createMemo(() => new Map(groupBy() ? props.table.columns.map((c) => [c.name, c.type === 'number' || c.type === 'scores' ? columnRange(c) : null]) : []));
  const hasImages = () => props.table.columns.some((c) => c.type === 'image');
  const layout = createMemo(() => gridLayout(ordered(), groups(), (group) => open().has(group.label), hasImages() ? IMAGE_ROW_HEIGHT : ROW_HEIGHT, GROUP_ROW_HEIGHT));

  // The rows drawn: those in the scroller's view and a few either side, by key, so a row still in view keeps its DOM.
  let scroller!: HTMLDivElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewHeight, setViewHeight] = createSignal(520);
  const drawn = createMemo(() => {
    const l = layout();
    if (l.count === 0) return { offset: 0, keys: [] as number[] };
    const first = Math.max(0, l.indexAt(scrollTop() - HEADER_HEIGHT) - OVERSCAN);
    const last = Math.min(l.count - 1, l.indexAt(scrollTop() - HEADER_HEIGHT + viewHeight()) + OVERSCAN);
    return { offset: l.top(first), keys: Array.from({ length: last - first + 1 }, (_, k) => l.key(first + k)) };
  });
  onMount(() => {
    const resized = new ResizeObserver(() => setViewHeight(scroller.clientHeight));
    resized.observe(scroller);
    onCleanup(() => resized.disconnect());
  });
  const toggleSort = (name: string) => {
    const s = sort();
    setSort(s?.column === name ? { column: name, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { column: name, direction: 'asc' });
  };
  const toggleGroup = (label: string) => {
    const next = new Set(open());
    if (!next.delete(label)) next.add(label);
    setOpen(next);
  };
  const ariaSort = (name: string) => {
    const s = sort();
    return s?.column === name ? (s.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  };

  return (
    <div class="table-grid" data-testid="table-grid" data-table={props.name}>
      <div class="table-grid-bar">
        <input
          class="table-filter"
          data-testid="table-filter"
          aria-label={`Filter the rows of ${props.name}`}
          placeholder="Filter: truth != prediction and score > 0.9"
          value={filterText()}
          onInput={(e) => setFilterText(e.currentTarget.value)}
        />
        <label>
          Group by{' '}
          <select data-testid="table-group-by" value={groupBy() ?? ''} onChange={(e) => setGroupBy(e.currentTarget.value || null)}>
            <option value="">none</option>
            <For each={props.table.columns.filter((c) => GROUPABLE.has(c.type))}>{(c) => <option value={c.name}>{c.name}</option>}</For>
          </select>
        </label>
        <Show when={defaultPair()}>
          {(pair) => (
            <button data-testid="table-confusion-toggle" aria-pressed={confusionOf() !== null} onClick={() => setConfusionOf(confusionOf() ? null : pair())}>
              Confusion matrix
            </button>
          )}
        </Show>
        <ColumnsMenu columns={arranged()} hidden={hidden()} onToggle={toggleHidden} onMove={move} />
        <button data-testid="table-export-csv" title="Download the rows shown (filtered and sorted) as CSV; images are named by file" onClick={() => downloadFile(`${props.name}.csv`, tableToCsv({ rows: props.table.rows, columns: shown() }, ordered()), 'text/csv')}>
          Export CSV
        </button>
        <Show when={shown().some((c) => c.type === 'image')}>
          <button
            data-testid="table-export-zip"
            title="Download the rows shown as CSV with their images beside it, in a zip"
            onClick={async () => {
              const { zip } = await tableZip(props.name, { rows: props.table.rows, columns: shown() }, ordered(), props.readMedia);
              downloadFile(`${props.name}.zip`, zip as Uint8Array<ArrayBuffer>, 'application/zip');
            }}
          >
            CSV + images (zip)
          </button>
        </Show>
        <span class="muted" data-testid="table-row-count">
          {groups() ? `${groups()!.length} groups · ` : ''}
          {filtered().length.toLocaleString('en-US')} of {props.table.rows.toLocaleString('en-US')} rows
        </span>
      </div>
      <Show when={boxClasses().length > 0}>
        <fieldset class="box-controls" data-testid="box-controls">
          <legend>boxes and masks</legend>
          <For each={boxClasses()}>
            {([id, name]) => (
              <label class="box-class">
                <input type="checkbox" data-class={id} checked={!hiddenClasses().has(id)} onChange={() => toggleClass(id)} />
                <span class="swatch" style={{ background: boxColor(id) }} /> {name}
              </label>
            )}
          </For>
          <label>
            score ≥ {minScore().toFixed(2)}{' '}
            <input type="range" data-testid="box-min-score" min="0" max="1" step="0.05" value={minScore()} onInput={(e) => setMinScore(Number(e.currentTarget.value))} />
          </label>
        </fieldset>
      </Show>
      <Show when={!filter().ok && filter()}>
        {(f) => (
          <p class="filter-error" role="alert" data-testid="table-filter-error">
            {(f() as { error: { message: string } }).error.message}
          </p>
        )}
      </Show>
      <Show when={confusionOf() && matrix()}>
        {(m) => (
          <div class="confusion-panel">
            <div class="confusion-axes">
              <label>
                truth{' '}
                <select data-testid="confusion-truth" value={confusionOf()![0]} onChange={(e) => setConfusionOf([e.currentTarget.value, confusionOf()![1]])}>
                  <For each={textColumns()}>{(c) => <option value={c.name}>{c.name}</option>}</For>
                </select>
              </label>{' '}
              <label>
                prediction{' '}
                <select data-testid="confusion-prediction" value={confusionOf()![1]} onChange={(e) => setConfusionOf([confusionOf()![0], e.currentTarget.value])}>
                  <For each={textColumns()}>{(c) => <option value={c.name}>{c.name}</option>}</For>
                </select>
              </label>
            </div>
            <ConfusionMatrixView
              matrix={m()}
              truthName={confusionOf()![0]}
              predictionName={confusionOf()![1]}
              onPick={(truth, prediction) => setFilterText(confusionCellFilter(confusionOf()![0], confusionOf()![1], truth, prediction))}
            />
          </div>
        )}
      </Show>
      <ImageZoom zoomed={zoomed()} onClose={() => setZoomed(null)} read={props.readMedia} showBox={showBox} showClass={showClass} />
      <div class="table-scroll table-grid-scroll" ref={scroller} onScroll={() => setScrollTop(scroller.scrollTop)}>
        <div style={{ height: `${HEADER_HEIGHT + layout().height}px`, 'padding-top': `${drawn().offset}px` }}>
          <table class="grid table-grid-table" aria-label={props.name} aria-rowcount={layout().count + 1} style={{ width: `${shown().reduce((sum, c) => sum + widthOf(c), 0)}px` }}>
            <colgroup>
              <For each={shown()}>{(c) => <col style={{ width: `${widthOf(c)}px` }} />}</For>
            </colgroup>
            <thead>
              <tr>
                <For each={shown()}>
                  {(c) => (
                    <th class="sortable" classList={{ num: c.type === 'number' }} aria-sort={ariaSort(c.name)} data-column={c.name}>
                      <button class="link th-button" onClick={() => toggleSort(c.name)}>
                        {c.name}
                        <Show when={sort()?.column === c.name}>{sort()!.direction === 'asc' ? ' ▲' : ' ▼'}</Show>
                      </button>
                      <ColumnResizer name={c.name} width={widthOf(c)} onResize={(w) => resize(c.name, w)} />
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={drawn().keys}>
                {(key) =>
                  key < 0 ? (
                    <Show when={groups()?.[groupOfKey(key)]} keyed>
                      {(group) => <GroupRow height={GROUP_ROW_HEIGHT} group={group} columns={shown()} groupBy={groupBy()!} ranges={ranges()} open={open().has(group.label)} onToggle={() => toggleGroup(group.label)} readMedia={props.readMedia} />}
                    </Show>
                  ) : (
                    <tr data-row={key} class="table-row" style={{ height: `${hasImages() ? IMAGE_ROW_HEIGHT : ROW_HEIGHT}px` }}>
                      <For each={shown()}>{(c) => <DataCell column={c} row={key} context={cellContext} />}</For>
                    </tr>
                  )
                }
              </For>
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

/**
 * The handle at a header's right edge: drag it, or focus it and press ←/→ (Shift for bigger steps), to set the
 * column's width.
 */
function ColumnResizer(props: { name: string; width: number; onResize: (width: number) => void }) {
  const drag = (down: PointerEvent) => {
    down.preventDefault();
    const handle = down.currentTarget as HTMLElement;
    handle.setPointerCapture(down.pointerId);
    const [x0, w0] = [down.clientX, props.width];
    const move = (e: PointerEvent) => props.onResize(w0 + e.clientX - x0);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  const key = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 40 : 10;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      props.onResize(props.width + (e.key === 'ArrowLeft' ? -step : step));
    }
  };
  return (
    <span
      class="column-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Width of ${props.name}`}
      aria-valuenow={props.width}
      aria-valuemin={MIN_COLUMN_WIDTH}
      tabindex="0"
      data-testid="column-resizer"
      onPointerDown={drag}
      onKeyDown={key}
      onClick={(e) => e.stopPropagation()}
    />
  );
}

/** Show, hide and reorder a table's columns. */
function ColumnsMenu(props: { columns: readonly TableColumn[]; hidden: ReadonlySet<string>; onToggle: (name: string) => void; onMove: (name: string, by: number) => void }) {
  const [open, setOpen] = createSignal(false);
  return (
    <div class="grid-columns-menu">
      <button data-testid="table-columns" aria-expanded={open()} onClick={() => setOpen(!open())}>
        Columns{props.hidden.size > 0 ? ` (${props.hidden.size} hidden)` : ''}
      </button>
      <Show when={open()}>
        <ul class="grid-columns-popover" data-testid="table-columns-popover">
          <For each={props.columns}>
            {(c, i) => (
              <li class="grid-columns-item">
                <label>
                  <input type="checkbox" data-column={c.name} checked={!props.hidden.has(c.name)} onChange={() => props.onToggle(c.name)} /> {c.name}
                </label>
                <button class="icon" aria-label={`Move ${c.name} left`} disabled={i() === 0} onClick={() => props.onMove(c.name, -1)}>
                  ↑
                </button>
                <button class="icon" aria-label={`Move ${c.name} right`} disabled={i() === props.columns.length - 1} onClick={() => props.onMove(c.name, 1)}>
                  ↓
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

/**
 * One cell. Its column and row are fixed for its life (rows are keyed by row, cells by column), so its content is
 * chosen once rather than through a reactive Switch: a grid scrolling 20 new rows a frame makes ~300 cells a frame.
 */
/** What a cell needs from its grid besides its value: media, the box filters, and the enlarged image to set. */
interface CellContext {
  readMedia: MediaReader;
  showBox: (box: BoxCell) => boolean;
  showClass: (classId: number) => boolean;
  zoom: (zoomed: ZoomedImage) => void;
}

function DataCell(props: { column: TableColumn; row: number; context: CellContext }) {
  const { column, row } = props;
  return (
    <td classList={{ num: column.type === 'number', 'image-cell': column.type === 'image' }} data-column={column.name}>
      {cellContent(column, column.values[row] ?? null, props.context)}
    </td>
  );
}

function cellContent(column: TableColumn, value: TableCell, context: CellContext): JSX.Element {
  if (value === null) return <span class="muted">–</span>;
  switch (column.type) {
    case 'number':
      return formatNumber(value as number);
    case 'string':
      return <span class="cell-text">{value as string}</span>;
    case 'boolean':
      return String(value);
    case 'scores':
      return <ScoreBars scores={value as number[]} height={22} label={(value as number[]).map((s) => formatNumber(s)).join(', ')} />;
    case 'image':
      return (
        <button class="image-zoom-button" title="Enlarge" onClick={() => context.zoom({ image: value as ImageCell, classes: column.classes })}>
          <MediaImage image={value as ImageCell} read={context.readMedia} size={44} showBox={context.showBox} showClass={context.showClass} classes={column.classes} />
        </button>
      );
    case 'histogram': {
      const h = value as HistogramCell;
      return <HistogramBars histogram={h} width={80} height={26} label={`${column.name}: ${h.counts.length} bins from ${formatNumber(h.min)} to ${formatNumber(h.max)}`} />;
    }
    case 'html':
      return <iframe class="html-cell" sandbox="" srcdoc={(value as HtmlCell).html} title={`${column.name}: HTML, shown without scripts`} />;
    case 'empty':
      return <span class="muted">–</span>;
  }
}

interface GroupRowProps {
  height: number;
  group: RowGroup;
  columns: readonly TableColumn[];
  groupBy: string;
  ranges: ReadonlyMap<string, { min: number; max: number } | null>;
  open: boolean;
  onToggle: () => void;
  readMedia: MediaReader;
}

/** A group: its value and count in the grouping column, and every other column's aggregate over its rows. */
function GroupRow(props: GroupRowProps) {
  return (
    <tr class="group-row" data-group={props.group.label} style={{ height: `${props.height}px` }}>
      <For each={props.columns}>
        {(c) =>
          c.name === props.groupBy ? (
            <td class="group-key">
              <button class="link" aria-expanded={props.open} onClick={() => props.onToggle()}>
                {props.open ? '▾' : '▸'} {props.group.label}
              </button>{' '}
              <span class="muted" data-testid="group-count">
                {props.group.rows.length}
              </span>
            </td>
          ) : (
            <td data-column={c.name}>
              <GroupAggregate column={c} rows={props.group.rows} range={props.ranges.get(c.name) ?? null} readMedia={props.readMedia} />
            </td>
          )
        }
      </For>
    </tr>
  );
}

function GroupAggregate(props: { column: TableColumn; rows: RowOrder; range: { min: number; max: number } | null; readMedia: MediaReader }) {
  const numbers = createMemo(() => (props.column.type === 'number' && props.range ? numberSummary(props.column, props.rows, props.range, GROUP_BINS) : null));
  const scores = createMemo(() => (props.column.type === 'scores' && props.range ? scoreHistograms(props.column, props.rows, props.range, SCORE_BINS) : null));
  const images = () => {
    const found: ImageCell[] = [];
    for (let i = 0; i < props.rows.length && found.length < 4; i++) {
      const cell = props.column.values[props.rows[i]!];
      if (cell) found.push(cell as ImageCell);
    }
    return found;
  };
  return (
    <Switch>
      <Match when={((props.column.type === 'number' || props.column.type === 'scores') && !props.range) || numbers()?.count === 0 || scores()?.count === 0}>
        <span class="muted">no values</span>
      </Match>
      <Match when={numbers()}>
        {(summary) => (
          <div class="aggregate">
            <HistogramBars histogram={summary().histogram} width={96} height={30} label={`${props.column.name}: histogram of ${summary().count} values`} />
            <span class="muted">mean {formatNumber(summary().mean)}</span>
          </div>
        )}
      </Match>
      <Match when={scores()}>
        {(perClass) => (
          <div class="aggregate score-histograms" data-testid="score-histograms">
            <For each={perClass().histograms}>
              {(histogram, k) => <HistogramBars histogram={histogram} width={26} height={30} color="#5b4bb3" label={`${props.column.name}[${k()}]: histogram of ${perClass().count} scores`} />}
            </For>
          </div>
        )}
      </Match>
      <Match when={props.column.type === 'string' || props.column.type === 'boolean'}>
        <span class="aggregate-text">
          {topValues(props.column, props.rows, 3)
            .map((t) => `${t.text} ×${t.count}`)
            .join(', ')}
        </span>
      </Match>
      <Match when={props.column.type === 'image'}>
        <div class="aggregate image-strip">
          <For each={images()}>{(image) => <MediaImage image={image} read={props.readMedia} size={28} />}</For>
        </div>
      </Match>
    </Switch>
  );
}
