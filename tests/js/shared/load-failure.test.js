// The causes load-failure.js names for a file that did not load, and the one
// source of the CSP directives a host page needs (docs/EMBEDDING.md and
// docs/SECURITY.md quote it).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { cspNeeds, whyNotLoaded } from '../../../web/shared/load-failure.js';

let server;
let base;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/wasm/relu-core-simd.mjs') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end('export default 1;');
    else res.writeHead(404).end('not found');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(() => new Promise((done) => server.close(done)));

test('a file that is there: no cause to name', async () => {
  expect(await whyNotLoaded(`${base}/wasm/relu-core-simd.mjs`, 'https://tutorial.example')).toBeNull();
});

test('a missing file: its URL and HTTP status', async () => {
  expect(await whyNotLoaded(`${base}/wasm/relu-core-simd.wasm`, 'https://tutorial.example'))
    .toBe(`${base}/wasm/relu-core-simd.wasm answered HTTP 404 (not found: is the whole build folder deployed?)`);
});

test('another origin that does not answer: CORS, reachability and the policy are named, with what the policy needs', async () => {
  const closed = createServer();
  await new Promise((done) => closed.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${closed.address().port}/assets/training.worker-1.js`;
  await new Promise((done) => closed.close(done));
  const why = await whyNotLoaded(url, 'https://tutorial.example');
  expect(why).toContain(`did not allow this page's origin (https://tutorial.example) to load ${url}`);
  expect(why).toContain('Access-Control-Allow-Origin (CORS)');
  expect(why).toContain(cspNeeds(new URL(url).origin));
});

test('the host policy the guides quote is the one cspNeeds gives', () => {
  const needs = cspNeeds('https://cdn.example');
  expect(needs).toBe("script-src https://cdn.example 'wasm-unsafe-eval'; worker-src blob: https://cdn.example; connect-src https://cdn.example; style-src https://cdn.example; img-src blob:");
  for (const doc of ['docs/EMBEDDING.md', 'docs/SECURITY.md']) {
    expect(readFileSync(new URL(`../../../${doc}`, import.meta.url), 'utf8').replace(/\s+/g, ' ')).toContain(needs);
  }
});
