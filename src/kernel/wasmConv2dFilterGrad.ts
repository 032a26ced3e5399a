import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Conv2DBackpropFilterAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | number[][];
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil' | null;
  filterShape: [number, number, number, number];
};

/**
 * tfjs's wasm backend (4.22) has no Conv2DBackpropFilter, so a conv2d layer cannot train on it ("Kernel
 * 'Conv2DBackpropFilter' not registered for backend 'wasm'"), while wasm is the fastest backend without a GPU.
 * - Stride 1 (conv layers' default): a 2D convolution is a 3D one of depth 1, and the backend's Conv3DBackpropFilterV2
 *   gives the same gradient as the cpu backend (e2e/backends.test.mjs).
 * - Other strides: that kernel's results differ from the definition there (stride 2 measured), so the gradient is
 *   summed here in JS, term by term as defined: slower, and right.
 * NHWC only (what tf.layers.conv2d uses).
 */
function conv2DBackpropFilter({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  if (dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter on wasm: only NHWC data is supported');
  const wasm = backend as BackendWasm;
  const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
  if (sh === 1 && sw === 1 && !Array.isArray(pad)) return byConv3D(wasm, x, dy, pad, filterShape);
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, [sh, sw], 1, pad as 'valid', dimRoundingMode ?? undefined);
  return byDefinition(wasm, x, dy, info);
}

function byConv3D(backend: BackendWasm, x: tf.TensorInfo, dy: tf.TensorInfo, pad: 'valid' | 'same' | number, filterShape: [number, number, number, number]): tf.TensorInfo {
  const reshape = tf.getKernel('Reshape', 'wasm')!.kernelFunc;
  const gradient3D = tf.getKernel('Conv3DBackpropFilterV2', 'wasm')!.kernelFunc;
  const depthOne = (t: tf.TensorInfo) => reshape({ inputs: { x: t }, backend, attrs: { shape: [t.shape[0]!, 1, ...t.shape.slice(1)] } }) as tf.TensorInfo;
  const x5 = depthOne(x);
  const dy5 = depthOne(dy);
  const dw5 = gradient3D({ inputs: { x: x5, dy: dy5 }, backend, attrs: { strides: [1, 1, 1], pad, filterShape: [1, ...filterShape] } }) as tf.TensorInfo;
  const dw = reshape({ inputs: { x: dw5 }, backend, attrs: { shape: filterShape } }) as tf.TensorInfo;
  for (const t of [x5, dy5, dw5]) backend.disposeData(t.dataId);
  return dw;
}

/** dW[fh, fw, ci, co] = Σ over batch and output positions of x at the input position they read × dy. */
function byDefinition(backend: BackendWasm, x: tf.TensorInfo, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const xs = backend.readSync(x.dataId) as Float32Array;
  const dys = backend.readSync(dy.dataId) as Float32Array;
  const out = backend.makeOutput(info.filterShape, 'float32');
  const dw = backend.typedArrayFromHeap(out) as Float32Array;
  dw.fill(0);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyAt = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        for (let fh = 0; fh < filterHeight; fh++) {
          const ih = oh * strideHeight - top + fh;
          if (ih < 0 || ih >= inHeight) continue;
          for (let fw = 0; fw < filterWidth; fw++) {
            const iw = ow * strideWidth - left + fw;
            if (iw < 0 || iw >= inWidth) continue;
            const xAt = ((b * inHeight + ih) * inWidth + iw) * inChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const xv = xs[xAt + ci]!;
              const dwAt = ((fh * filterWidth + fw) * inChannels + ci) * outChannels;
              for (let co = 0; co < outChannels; co++) dw[dwAt + co]! += xv * dys[dyAt + co]!;
            }
          }
        }
      }
    }
  }
  return out;
}

/** Registers the kernel above once, where the wasm backend lacks one of its own. */
export function registerWasmConv2DFilterGrad(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') || !tf.getKernel('Conv3DBackpropFilterV2', 'wasm')) return;
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter as tf.KernelFunc });
}
