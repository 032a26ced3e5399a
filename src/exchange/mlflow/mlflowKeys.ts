/** MLflow's longest metric, param or tag key (validation.py MAX_ENTITY_KEY_LENGTH). */
export const MAX_KEY_LENGTH = 250;

/**
 * File store keys for names, by name. MLflow takes metric, param and tag names of `[/\w.\- ]` only (validation.py;
 * Python's `\w`: letters and digits of any script, and `_`), a `/` making a folder, and refuses a name that is not its
 * own normalized path. So, after NFC normalization:
 * - every other character (`:` `@` `=` `,` `\` `(`, a combining mark, …) becomes `_`;
 * - empty parts between slashes are dropped (a leading, trailing or doubled `/`), and a part `.` or `..` becomes `_`
 *   or `__`; a name left empty becomes `_`;
 * - a key already taken, or one that would be a file where another key needs a folder (`train` beside `train/loss`),
 *   gets `_1`, `_2`, … appended. Keys are handed out deepest first, so folders are never the ones renamed.
 * - a key is at most MLflow's 250 characters (MAX_ENTITY_KEY_LENGTH), cut before any suffix is added.
 * A tag may repeat a name (Labbook tags are a list): it then has one key.
 * The same keys serve the file-store export and sync to a server, so a run reads the same in both. `assigned` keys
 * (name → key, handed out before) are kept as they are; new names get keys beside them.
 */
export function mlflowKeys(names: readonly string[], assigned: Readonly<Record<string, string>> = {}): Map<string, string> {
  const depth = (key: string) => key.split('/').length;
  const files = new Set<string>();
  const folders = new Set<string>();
  const keys = new Map<string, string>();
  const take = (name: string, key: string) => {
    files.add(key);
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
    keys.set(name, key);
  };
  // Keys already handed out (a synced run's) stay: a metric logged later must not move an earlier one's points.
  for (const [name, key] of Object.entries(assigned)) take(name, key);
  const wanted = [...new Set(names)].filter((name) => !keys.has(name)).map((name) => ({ name, key: mlflowName(name) }));
  // Stable sort: names of one depth keep their order, so the first named keeps the plain key.
  // A key under a folder that an assigned key holds as a file (`val` sent, then `val/acc`) cannot nest: it is flattened.
  const underFile = (key: string) => key.split('/').some((_, i, parts) => i > 0 && files.has(parts.slice(0, i).join('/')));
  for (const { name, key: wantedKey } of [...wanted].sort((a, b) => depth(b.key) - depth(a.key))) {
    const key = underFile(wantedKey) ? wantedKey.replaceAll('/', '_') : wantedKey;
    let unique = key;
    for (let n = 1; files.has(unique) || folders.has(unique); n++) unique = `${firstCodePoints(key, MAX_KEY_LENGTH - String(n).length - 1)}_${n}`;
    take(name, unique);
  }
  return keys;
}

function mlflowName(name: string): string {
  const parts = firstCodePoints(name.normalize('NFC').replace(/[^\p{L}\p{N}_./\- ]/gu, '_'), MAX_KEY_LENGTH)
    .split('/')
    .filter((part) => part !== '')
    .map((part) => (part === '.' || part === '..' ? part.replaceAll('.', '_') : part));
  return parts.join('/') || '_';
}

/** The text's first `count` code points: lengths as Python's len() counts them, and no surrogate pair split. */
export function firstCodePoints(text: string, count: number): string {
  return text.length <= count ? text : Array.from(text).slice(0, count).join('');
}
