/** A value as an error message names it: its kind, and a short string's text ("a string (\"adam\")", "an array"). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)})`;
  if (typeof value !== 'object') return withArticle(typeof value);
  const className = (value as object).constructor?.name;
  return className && className !== 'Object' ? withArticle(className) : 'an object';
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
