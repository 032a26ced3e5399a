import { describe, expect, it } from 'vitest';
import { backendPreference, isSoftwareRenderer, parseBackendSetting, type BackendName, type BackendProbe } from './backendChoice';

describe('backendPreference', () => {
  const kinds = ['hardware', 'software', 'none'] as const;
  const expected = (probe: BackendProbe): BackendName[] => [
    ...(probe.webgpu === 'hardware' ? (['webgpu'] as const) : []),
    ...(probe.webgl === 'hardware' ? (['webgl'] as const) : []),
    'wasm',
    'cpu',
  ];

  it('backendPreference({webgpu: hardware, webgl: hardware}) tries webgpu, webgl, wasm, cpu in that order', () => {
    expect(backendPreference({ webgpu: 'hardware', webgl: 'hardware' })).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it('backendPreference({webgpu: software, webgl: software}) skips both GPU backends', () => {
    expect(backendPreference({ webgpu: 'software', webgl: 'software' })).toEqual(['wasm', 'cpu']);
  });

  it('backendPreference({webgpu: none, webgl: hardware}) starts with webgl', () => {
    expect(backendPreference({ webgpu: 'none', webgl: 'hardware' })).toEqual(['webgl', 'wasm', 'cpu']);
  });

  it('backendPreference({webgpu: hardware, webgl: software}) keeps webgpu only', () => {
    expect(backendPreference({ webgpu: 'hardware', webgl: 'software' })).toEqual(['webgpu', 'wasm', 'cpu']);
  });

  for (const webgpu of kinds) {
    for (const webgl of kinds) {
      it(`backendPreference({webgpu: ${webgpu}, webgl: ${webgl}}) lists hardware GPU backends first, then wasm and cpu`, () => {
        const order = backendPreference({ webgpu, webgl });
        expect(order).toEqual(expected({ webgpu, webgl }));
        expect(order.slice(-2)).toEqual(['wasm', 'cpu']);
        expect(order.includes('webgpu')).toBe(webgpu === 'hardware');
        expect(order.includes('webgl')).toBe(webgl === 'hardware');
      });
    }
  }
});

describe('isSoftwareRenderer', () => {
  it('isSoftwareRenderer() is true for SwiftShader, llvmpipe and lavapipe descriptions', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.7, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Mesa, llvmpipe (LLVM 17.0.6 256 bits), OpenGL 4.5)')).toBe(true);
    expect(isSoftwareRenderer('lavapipe')).toBe(true);
    expect(isSoftwareRenderer('LAVAPIPE')).toBe(true);
  });

  it('isSoftwareRenderer() is false for a real GPU', () => {
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 (0x00002684) Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('ANGLE (Apple, ANGLE Metal Renderer: Apple M2 Pro, Unspecified Version)')).toBe(false);
    expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe(false);
  });

  it('isSoftwareRenderer("") is false', () => {
    expect(isSoftwareRenderer('')).toBe(false);
  });
});

describe('backendPreference with a forced backend', () => {
  it('backendPreference(probe, "webgpu") tries webgpu first even on a software adapter, then the automatic order', () => {
    expect(backendPreference({ webgpu: 'software', webgl: 'software' }, 'webgpu')).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(backendPreference({ webgpu: 'hardware', webgl: 'none' }, 'cpu')).toEqual(['cpu', 'webgpu', 'wasm']);
  });

  it('parseBackendSetting reads known names and falls back to auto', () => {
    expect(parseBackendSetting('webgl')).toBe('webgl');
    expect(parseBackendSetting('quantum')).toBe('auto');
    expect(parseBackendSetting(undefined)).toBe('auto');
  });
});
