import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { readFileSync } from 'node:fs';
import { editorTypings } from './scripts/editorTypingsPlugin.ts';
import { fashionMnistData } from './scripts/fashionMnistPlugin.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Relative base so dist/ works from any static host and any sub-path (routes live in the hash).
  base: './',
  plugins: [solid(), editorTypings(), fashionMnistData()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: { target: 'es2022', chunkSizeWarningLimit: 5000 },
  worker: { format: 'es' },
});
