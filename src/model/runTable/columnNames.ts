import type { RunColumn } from './runColumns';

const FIELD_LABELS: Record<Extract<RunColumn, { kind: 'field' }>['key'], string> = {
  name: 'Name',
  state: 'State',
  group: 'Group',
  createdAt: 'Created',
  runtime: 'Runtime',
};

/** A column's identity as text (`config:lr`), for keys, maps and saved settings. */
export function columnKey(column: RunColumn): string {
  return `${column.kind}:${column.key}`;
}

/** The column a columnKey names (unknown field names fall back to a config key). */
export function columnFromKey(key: string): RunColumn {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const name = key.slice(colon + 1);
  if (kind === 'summary') return { kind: 'summary', key: name };
  if (kind === 'field' && name in FIELD_LABELS) return { kind: 'field', key: name as keyof typeof FIELD_LABELS };
  return { kind: 'config', key: name };
}

/** A column's heading: the config key or metric name as logged, or a field's name. */
export function columnLabel(column: RunColumn): string {
  return column.kind === 'field' ? FIELD_LABELS[column.key] : column.key;
}
