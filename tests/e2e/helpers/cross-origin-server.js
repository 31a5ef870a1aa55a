// A static server whose headers depend on the path: the playground's build as
// a CDN serves it, with CORS on some files and not on others (a misconfigured
// CDN), for tests/e2e/cross-origin.test.js. Listens on 127.0.0.1 like
// serveStatic; a page on serveStatic's server is thus on another origin (another port).
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

/**
 * Serves `dir`; `headersFor(path)` gives the extra headers of each file (e.g.
 * {'Access-Control-Allow-Origin': '*'}), and may change between requests.
 * Resolves to {url, origin, requests (paths asked for), close()}.
 */
export function serveWithHeaders(dir, headersFor) {
  const rootDir = resolve(dir);
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(rootDir, path));
    if (!file.startsWith(rootDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, headersFor(path)).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...headersFor(path) });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      done({ url, origin: new URL(url).origin, requests, close: () => new Promise((closed) => {
        server.close(closed);
        server.closeAllConnections(); // a browser's kept-alive connections would hold close() open
      }) });
    });
  });
}
