// The core's script loads only from the page's origin, or one the page allowed
// from script (issue #10, item 7): the shared check, and the worker's own.
import { checkWasmBase, codeOrigin, originOf } from '../../../web/shared/wasm-origin.js';
import { createSession } from '../../../web/worker/session.js';
import { Event, Request } from '../../../web/shared/protocol.js';
import { defaultConfig } from '../../../web/shared/schema.js';

const PAGE = 'https://tutorial.example/course/page.html';

describe('checkWasmBase', () => {
  const check = (base, allowed = []) => checkWasmBase(base, {
    name: 'wasm-base', baseUrl: PAGE, pageOrigin: new URL(PAGE).origin, allowed, howToAllow: (origin) => `allow(['${origin}'])`,
  });

  test('same-origin bases are accepted, relative ones resolved against the page', () => {
    expect(check('wasm/')).toEqual({ url: 'https://tutorial.example/course/wasm/' });
    expect(check('../assets/wasm/')).toEqual({ url: 'https://tutorial.example/assets/wasm/' });
    expect(check('/wasm/')).toEqual({ url: 'https://tutorial.example/wasm/' });
    expect(check('https://tutorial.example/x/')).toEqual({ url: 'https://tutorial.example/x/' });
  });

  test.each([
    ['https://cdn.example/wasm/', 'https://cdn.example'],
    ['//cdn.example/wasm/', 'https://cdn.example'], // protocol-relative
    ['http://tutorial.example/wasm/', 'http://tutorial.example'], // another scheme is another origin
    ['https://tutorial.example:8443/wasm/', 'https://tutorial.example:8443'],
    ['https://tutorial.example.evil.example/', 'https://tutorial.example.evil.example'],
  ])('another origin is refused: %s', (base, origin) => {
    const { url, error } = check(base);
    expect(url).toBeUndefined();
    expect(error).toMatch(/^wasm-base: .* is not on this page's origin \(https:\/\/tutorial\.example\)/);
    expect(error).toContain(`allow(['${origin}'])`);
    // Allowed from script, it loads.
    expect(check(base, [origin]).url).toBe(new URL(base, PAGE).href);
  });

  test.each(['data:text/javascript,alert(1)//', 'blob:https://tutorial.example/0b7c', 'javascript:alert(1)', 'file:///etc/'])(
    'a URL without a usable origin is refused, whatever is allowed: %s', (base) => {
      const { error } = check(base, ['https://tutorial.example']);
      expect(error).toMatch(/^wasm-base: .* is not on this page's origin/);
    },
  );

  test('a base that is not a URL is named', () => {
    expect(checkWasmBase('http://[::1', { name: 'wasm-base', baseUrl: PAGE, pageOrigin: 'https://tutorial.example' }).error).toBe('wasm-base: "http://[::1" is not a URL');
  });

  test('a <base href> on another origin does not make that origin the page\'s', () => {
    const moved = { name: 'wasm-base', baseUrl: 'https://cdn.example/', pageOrigin: 'https://tutorial.example' };
    expect(checkWasmBase('wasm/', moved).error).toMatch(/^wasm-base: https:\/\/cdn\.example\/wasm\/ is not on this page's origin \(https:\/\/tutorial\.example\)/);
    expect(checkWasmBase('/wasm/', { ...moved, baseUrl: 'https://tutorial.example/x/' }).url).toBe('https://tutorial.example/wasm/');
  });

  test('an opaque page origin (a sandboxed frame) matches nothing of its own', () => {
    expect(checkWasmBase('wasm/', { name: 'wasm-base', baseUrl: PAGE, pageOrigin: 'null' }).error).toMatch(/is not on this page's origin \(null\)/);
  });

  test('allow-list entries must be http(s) origins', () => {
    expect(originOf('https://cdn.example/some/path/')).toBe('https://cdn.example');
    for (const bad of ['*', 'cdn.example', 'data:,x', 'null', '']) expect(() => originOf(bad)).toThrow(/is not an http\(s\) origin/);
  });
});

describe('the worker refuses a cross-origin base on INIT', () => {
  function session(workerUrl) {
    const posted = [];
    const loads = [];
    const fakeTrainer = {
      build: 'scalar', simd: false, config: defaultConfig(), paramCount: 1, layers: () => [],
      points: () => ({ train: new Float32Array(30) }), params: () => new Float32Array(1), progress: () => ({ step: 0 }), delete() {},
    };
    const s = createSession({
      post: (message) => posted.push(message),
      createTrainer: async (config, options) => { loads.push(options); return fakeTrainer; },
      workerUrl,
      workerOrigin: workerUrl && new URL(workerUrl).origin,
    });
    const init = async (fields) => {
      await s.receive({ type: Request.INIT, id: 1, config: {}, ...fields });
      return posted.find((m) => m.type === Event.REPLY && m.id === 1);
    };
    return { init, loads };
  }
  const WORKER = 'https://tutorial.example/assets/training.worker-1234.js';

  test('same origin loads, from the absolute URL', async () => {
    const { init, loads } = session(WORKER);
    expect((await init({ wasmBaseUrl: '../wasm/' })).ok).toBe(true);
    expect(loads).toEqual([{ build: 'auto', wasmBaseUrl: 'https://tutorial.example/wasm/' }]);
  });

  test('another origin is refused with the field named, and nothing is loaded', async () => {
    const { init, loads } = session(WORKER);
    const reply = await init({ wasmBaseUrl: 'https://cdn.example/wasm/' });
    expect(reply.ok).toBe(false);
    expect(reply.error.field).toBe('wasmBaseUrl');
    expect(reply.error.message).toMatch(/^wasmBaseUrl: https:\/\/cdn\.example\/wasm\/ is not on this page's origin .*wasmOrigins: \["https:\/\/cdn\.example"\]/);
    expect(loads).toEqual([]);
  });

  test('an origin the page allowed loads; a malformed allow-list is refused', async () => {
    const allowed = session(WORKER);
    expect((await allowed.init({ wasmBaseUrl: 'https://cdn.example/wasm/', wasmOrigins: ['https://cdn.example'] })).ok).toBe(true);
    const bad = session(WORKER);
    const reply = await bad.init({ wasmBaseUrl: 'https://cdn.example/wasm/', wasmOrigins: '*' });
    expect(reply.error).toMatchObject({ field: 'wasmOrigins' });
    expect((await session(WORKER).init({ wasmBaseUrl: 'x/', wasmOrigins: ['*'] })).error.field).toBe('wasmOrigins');
    expect(bad.loads).toEqual([]);
  });

  test('a worker started from a blob: (the element on a CDN) still checks against the page\'s origin', async () => {
    const BLOB_WORKER = 'blob:https://tutorial.example/0b7c5a1e-1d2f-4c1b-9a55-6a0f8c1d2e3f';
    const refused = session(BLOB_WORKER);
    const reply = await refused.init({ wasmBaseUrl: 'https://cdn.example/wasm/' });
    expect(reply.error).toMatchObject({ field: 'wasmBaseUrl' });
    expect(reply.error.message).toContain("is not on this page's origin (https://tutorial.example)");
    expect(refused.loads).toEqual([]);
    const allowed = session(BLOB_WORKER);
    expect((await allowed.init({ wasmBaseUrl: 'https://cdn.example/wasm/', wasmOrigins: ['https://cdn.example'] })).ok).toBe(true);
    expect(allowed.loads).toEqual([{ build: 'auto', wasmBaseUrl: 'https://cdn.example/wasm/' }]);
  });

  test('under Node (no page origin) file URLs pass through', async () => {
    const { init, loads } = session(undefined);
    expect((await init({ wasmBaseUrl: 'file:///opt/relu/wasm/' })).ok).toBe(true);
    expect(loads[0].wasmBaseUrl).toBe('file:///opt/relu/wasm/');
  });
});

test('codeOrigin: the http(s) origin a module came from, else null', () => {
  expect(codeOrigin('https://cdn.example/relu/embed/relu-playground.js')).toBe('https://cdn.example');
  expect(codeOrigin('http://127.0.0.1:8080/assets/index-1a2b.js')).toBe('http://127.0.0.1:8080');
  for (const none of ['file:///repo/web/ui/wasm-source.js', 'blob:https://cdn.example/0b7c', 'data:text/javascript,1', 'not a url']) {
    expect(codeOrigin(none)).toBeNull();
  }
});
