import { cellOf, TableValueError, typeOfValue, type RichCellType } from '../model/tables/tableInference';
import { Histogram } from './histogram';
import { Html } from './html';
import { MAX_TABLE_ROWS, type TableCell, type TableColumnType, type TableLogMode } from '../model/tables/tableTypes';
import { Image } from './image';

/** A cell as the SDK holds it until the table is logged: Images, Histograms and Htmls stay objects until encoded. */
export type SdkCell = TableCell | Image | Histogram | Html;

/** Options of new Table(), as W&B's (`log_mode` also spelled `logMode`). */
export interface TableOptions {
  columns?: string[];
  /** Rows, each an array with one value per column. */
  data?: unknown[][];
  /** Column types to enforce instead of inferring them: 'number', 'string', 'boolean', 'scores', 'image', 'histogram' or 'html'. */
  dtypes?: Record<string, Exclude<TableColumnType, 'empty'>>;
  logMode?: TableLogMode;
  log_mode?: TableLogMode;
}

const LOG_MODES: readonly TableLogMode[] = ['immutable', 'mutable', 'incremental'];
const richType: RichCellType = (value) => (value instanceof Image ? 'image' : value instanceof Histogram ? 'histogram' : value instanceof Html ? 'html' : null);

/**
 * A table of values to log, as W&B's `wandb.Table`: rows of numbers, strings, booleans, class-score arrays, Images,
 * Histograms and Htmls
 * (null where missing). Each column's type is set by its first non-null value (or by `dtypes`); a row of the wrong
 * length or a value of another type throws naming the row and column, and nothing of that call is kept.
 */
export class Table {
  /** Tells run.log that this value is a table, without the model layer knowing this class. */
  readonly labbookKind = 'table';
  readonly logMode: TableLogMode;
  private readonly names: string[];
  private readonly types: TableColumnType[];
  private readonly declared: boolean[];
  private readonly widths: (number | undefined)[];
  private readonly cells: SdkCell[][];
  private rowCount = 0;
  /** Rows already sent by an incremental log (the next one sends the rest). */
  loggedRows = 0;

  constructor(options: TableOptions = {}) {
    const columns = options.columns ?? [];
    if (!Array.isArray(columns) || columns.some((c) => typeof c !== 'string' || c === '')) throw new TableValueError('Table: columns must be an array of non-empty strings');
    const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
    if (repeated !== undefined) throw new TableValueError(`Table: column "${repeated}" is named twice`);
    const mode = options.logMode ?? options.log_mode ?? 'immutable';
    if (!LOG_MODES.includes(mode)) throw new TableValueError(`Table: log_mode must be one of ${LOG_MODES.join(', ')}, got ${JSON.stringify(mode)}`);
    this.logMode = mode;
    this.names = [...columns];
    this.types = columns.map((c) => options.dtypes?.[c] ?? 'empty');
    this.declared = columns.map((c) => options.dtypes?.[c] !== undefined);
    this.widths = columns.map(() => undefined);
    this.cells = columns.map(() => []);
    for (const row of options.data ?? []) this.addData(...(Array.isArray(row) ? row : [row]));
  }

  /** The column names, in order. */
  get columns(): string[] {
    return [...this.names];
  }

  /** How many rows the table has. */
  get rows(): number {
    return this.rowCount;
  }

  /** The rows, each an array of its values (W&B's `table.data`). */
  get data(): SdkCell[][] {
    return Array.from({ length: this.rowCount }, (_, r) => this.cells.map((column) => column[r]!));
  }

  /** Adds a row: one value per column, in column order. */
  addData(...values: unknown[]): void {
    const where = (c: number) => `Table row ${this.rowCount}, column "${this.names[c]}"`;
    if (values.length !== this.names.length) throw new TableValueError(`Table row ${this.rowCount}: ${values.length} values for ${this.names.length} columns (${this.names.join(', ')})`);
    if (this.rowCount >= MAX_TABLE_ROWS) throw new TableValueError(`Table: ${MAX_TABLE_ROWS.toLocaleString('en-US')} rows is the limit of one table`);
    // Checked whole before anything is kept: a bad value leaves the table as it was.
    const types = [...this.types];
    const widths = [...this.widths];
    const row = values.map((value, c) => {
      const cell = this.checked(value, c, types, widths, where(c));
      return cell;
    });
    row.forEach((cell, c) => this.cells[c]!.push(cell));
    this.types.splice(0, types.length, ...types);
    this.widths.splice(0, widths.length, ...widths);
    this.rowCount++;
  }

  /** W&B's spelling of addData. */
  add_data(...values: unknown[]): void {
    this.addData(...values);
  }

  /** Adds a column with one value per existing row (or the first column's values, for an empty table). */
  addColumn(name: string, values: unknown[]): void {
    if (typeof name !== 'string' || name === '') throw new TableValueError('Table.addColumn: the name must be a non-empty string');
    if (this.names.includes(name)) throw new TableValueError(`Table.addColumn: there is already a column "${name}"`);
    if (!Array.isArray(values)) throw new TableValueError(`Table.addColumn("${name}"): values must be an array`);
    const rows = this.names.length === 0 ? values.length : this.rowCount;
    if (values.length !== rows) throw new TableValueError(`Table.addColumn("${name}"): ${values.length} values for ${rows} rows`);
    const c = this.names.length;
    const types: TableColumnType[] = [...this.types, 'empty'];
    const widths = [...this.widths, undefined];
    const cells = values.map((value, r) => this.checked(value, c, types, widths, `Table row ${r}, column "${name}"`));
    this.names.push(name);
    this.types.push(types[c]!);
    this.declared.push(false);
    this.widths.push(widths[c]);
    this.cells.push(cells);
    this.rowCount = rows;
  }

  /** W&B's spelling of addColumn. */
  add_column(name: string, values: unknown[]): void {
    this.addColumn(name, values);
  }

  /** A column's values, in row order. */
  getColumn(name: string): SdkCell[] {
    const c = this.names.indexOf(name);
    if (c < 0) throw new TableValueError(`Table.getColumn: no column "${name}" (columns: ${this.names.join(', ')})`);
    return [...this.cells[c]!];
  }

  /** W&B's spelling of getColumn. */
  get_column(name: string): SdkCell[] {
    return this.getColumn(name);
  }

  /** Each column's name, type, class-score width and values from row `from` on, for logging. */
  columnsFrom(from: number): { name: string; type: TableColumnType; width: number | undefined; values: SdkCell[] }[] {
    return this.names.map((name, c) => ({ name, type: this.types[c]!, width: this.widths[c], values: this.cells[c]!.slice(from) }));
  }

  private checked(value: unknown, c: number, types: TableColumnType[], widths: (number | undefined)[], where: string): SdkCell {
    if (types[c] === 'empty' && !this.declared[c]) {
      const suggested = typeOfValue(value, richType);
      if (suggested === null) throw new TableValueError(`${where}: a table cell can hold a number, string, boolean, array of numbers, Image, Histogram, Html or null, not ${String(value)}`);
      types[c] = suggested;
    }
    if (value === undefined || value === null) return null;
    const cell = cellOf(value, types[c]!, where, richType) as SdkCell;
    if (types[c] === 'scores') {
      const width = (cell as number[]).length;
      if (widths[c] === undefined) widths[c] = width;
      else if (widths[c] !== width) throw new TableValueError(`${where}: ${width} scores where the column has ${widths[c]} per row`);
    }
    return cell;
  }
}
