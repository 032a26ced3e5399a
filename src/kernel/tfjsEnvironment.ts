import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { RunEnvironment, WebGpuAdapterInfo } from '../model/runs/runTypes';
import { registerWasmConv2DFilterGrad } from './wasmConv2dFilterGrad';
import { backendPreference, isSoftwareRenderer, type BackendProbe, type BackendSetting } from './backendChoice';

/** Chooses (or takes the forced) tfjs backend and initialises it, then describes the machine for every run's environment. */
export async function initTfjsEnvironment(setting: BackendSetting = 'auto'): Promise<RunEnvironment> {
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd });
  registerWasmConv2DFilterGrad();
  const adapter = await probeWebGpu();
  const probe: BackendProbe = {
    webgpu: adapter === null ? 'none' : adapter.isFallbackAdapter || isSoftwareRenderer(adapter.architecture) ? 'software' : 'hardware',
    webgl: probeWebGl(),
  };
  let backend: string | null = null;
  for (const name of backendPreference(probe, setting)) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        backend = name;
        break;
      }
    } catch {
      // This backend failed to initialise (e.g. WebGL context lost); the next one is tried.
    }
  }
  const nav = navigator as Navigator & { deviceMemory?: number };
  return {
    tfjsBackend: backend,
    webgpuAdapter: adapter,
    userAgent: nav.userAgent,
    hardwareConcurrency: nav.hardwareConcurrency ?? null,
    deviceMemoryGb: nav.deviceMemory ?? null,
    appVersion: __APP_VERSION__,
  };
}

async function probeWebGpu(): Promise<WebGpuAdapterInfo | null> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    return {
      vendor: info.vendor,
      architecture: info.architecture,
      device: info.device,
      description: info.description,
      isFallbackAdapter: info.isFallbackAdapter ?? false,
    };
  } catch {
    return null;
  }
}

function probeWebGl(): BackendProbe['webgl'] {
  if (typeof OffscreenCanvas === 'undefined') return 'none';
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return 'none';
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return isSoftwareRenderer(renderer) ? 'software' : 'hardware';
}
