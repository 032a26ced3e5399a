/** tfjs backends Labbook can run on, fastest first on a machine with a real GPU. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What the user chose in the toolbar: a backend, or `auto` for the automatic choice. */
export type BackendSetting = BackendName | 'auto';

/** All choices, in the order the toolbar lists them. */
export const BACKEND_SETTINGS: readonly BackendSetting[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** Reads a setting from text (a worker name, a stored value); anything unknown is `auto`. */
export function parseBackendSetting(text: unknown): BackendSetting {
  return BACKEND_SETTINGS.find((setting) => setting === text) ?? 'auto';
}

/** What the kernel found out about the machine's accelerators before choosing. */
export interface BackendProbe {
  webgpu: 'hardware' | 'software' | 'none';
  webgl: 'hardware' | 'software' | 'none';
}

/**
 * Backends to try, in order: webgpu and webgl only on real hardware. A software adapter (SwiftShader, llvmpipe: what
 * a machine without a GPU offers) is correct but slower than wasm, so it is never picked automatically.
 */
export function backendPreference(probe: BackendProbe, setting: BackendSetting = 'auto'): BackendName[] {
  // A forced backend is tried first even on a software adapter (that is the point of forcing it); should it fail to
  // start, the automatic order follows so the kernel still comes up.
  const order: BackendName[] = setting === 'auto' ? [] : [setting];
  if (probe.webgpu === 'hardware') order.push('webgpu');
  if (probe.webgl === 'hardware') order.push('webgl');
  order.push('wasm', 'cpu');
  return [...new Set(order)];
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|lavapipe/i;

/** True when a GPU renderer or adapter description names a software implementation. */
export function isSoftwareRenderer(description: string): boolean {
  return SOFTWARE_RENDERER.test(description);
}
