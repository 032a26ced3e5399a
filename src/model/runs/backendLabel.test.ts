import { describe, expect, it } from 'vitest';
import { backendLabel } from './backendLabel';

const adapter = { vendor: 'nvidia', architecture: 'hopper', device: '', description: '', isFallbackAdapter: false };

describe('backendLabel', () => {
  it('names the WebGPU adapter vendor, and says when the adapter is a software fallback', () => {
    expect(backendLabel({ tfjsBackend: 'webgpu', webgpuAdapter: adapter })).toBe('webgpu · nvidia');
    expect(backendLabel({ tfjsBackend: 'webgpu', webgpuAdapter: { ...adapter, vendor: 'google', isFallbackAdapter: true } })).toBe('webgpu · google (software)');
  });

  it('shows other backends by name, even when a WebGPU adapter exists but is not used', () => {
    expect(backendLabel({ tfjsBackend: 'wasm', webgpuAdapter: adapter })).toBe('wasm');
    expect(backendLabel({ tfjsBackend: null, webgpuAdapter: null })).toBe('none');
  });
});
