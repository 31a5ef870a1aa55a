// The training worker's entry: a thin adapter between a message port and the
// session (session.js). The same file runs as a browser module Worker (self)
// and under Node's worker_threads (parentPort), which the tests use.
import { createSession } from './session.js';

function attach(port, unwrap) {
  const session = createSession({ post: (message, transfer = []) => port.postMessage(message, transfer) });
  return (incoming) => session.receive(unwrap(incoming));
}

const isBrowserWorker = typeof self === 'object' && typeof self.postMessage === 'function' &&
  typeof process === 'undefined';

if (isBrowserWorker) {
  self.addEventListener('message', attach(self, (event) => event.data));
} else {
  // A variable specifier keeps bundlers from resolving a Node built-in for the browser.
  // Messages sent before the listener exists wait in the port's queue.
  const workerThreads = 'node:worker_threads';
  import(/* @vite-ignore */ workerThreads).then(({ parentPort }) => {
    parentPort.on('message', attach(parentPort, (data) => data));
  });
}
