import type { RunEnvironment } from './runTypes';

/** The backend as the toolbar shows it: `wasm`, `webgpu · nvidia`, `webgpu · google (software)` for a fallback adapter. */
export function backendLabel(environment: Pick<RunEnvironment, 'tfjsBackend' | 'webgpuAdapter'>): string {
  const backend = environment.tfjsBackend ?? 'none';
  const adapter = environment.webgpuAdapter;
  if (backend !== 'webgpu' || !adapter) return backend;
  const name = adapter.vendor || adapter.architecture || adapter.description || 'unknown adapter';
  return `webgpu · ${name}${adapter.isFallbackAdapter ? ' (software)' : ''}`;
}
