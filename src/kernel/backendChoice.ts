/** tfjs backends Labbook can run on, fastest first on a machine with a real GPU. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What the kernel found out about the machine's accelerators before choosing. */
export interface BackendProbe {
  webgpu: 'hardware' | 'software' | 'none';
  webgl: 'hardware' | 'software' | 'none';
}

/**
 * Backends to try, in order: webgpu and webgl only on real hardware. A software adapter (SwiftShader, llvmpipe: what
 * a machine without a GPU offers) is correct but slower than wasm, so it is never picked automatically.
 */
export function backendPreference(probe: BackendProbe): BackendName[] {
  const order: BackendName[] = [];
  if (probe.webgpu === 'hardware') order.push('webgpu');
  if (probe.webgl === 'hardware') order.push('webgl');
  order.push('wasm', 'cpu');
  return order;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|lavapipe/i;

/** True when a GPU renderer or adapter description names a software implementation. */
export function isSoftwareRenderer(description: string): boolean {
  return SOFTWARE_RENDERER.test(description);
}
