// Serves a built dist/ folder on 127.0.0.1 as a plain static host would (no special headers), under a sub-path,
// to prove the app works from any path of any static host.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ttf': 'font/ttf', '.woff2': 'font/woff2',
};

/** Starts a server for `root` mounted at `/${subPath}/`; resolves to { url, close }. */
export function serveStatic(root, { subPath = 'labbook', port = 0 } = {}) {
  const absRoot = path.resolve(root);
  const prefix = `/${subPath}/`;
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!pathname.startsWith(prefix)) { res.writeHead(404); res.end('not found'); return; }
    let file = path.join(absRoot, pathname.slice(prefix.length));
    if (!file.startsWith(absRoot)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ url: `http://127.0.0.1:${actual}${prefix}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
