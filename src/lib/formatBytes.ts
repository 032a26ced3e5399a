/** "812 B", "4.2 MB", "1.31 GB": decimal units, as browsers report storage, with 2–3 significant digits. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let unit = 0;
  let value = bytes;
  // 999.5 rather than 1000: a value that would round to "1000 kB" reads as "1 MB".
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value >= 100 ? Math.round(value) : Number(value.toFixed(value < 10 ? 2 : 1))} ${units[unit]}`;
}
