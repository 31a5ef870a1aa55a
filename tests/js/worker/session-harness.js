// A worker session on the real core whose trainer reports the calls the test
// watches: onCall(name, args) before each call of a method in `methods`.
// send() does not wait: it returns the request's id and the promise of its
// answer, so a test can queue a second request behind a long first one.
import { createTrainer } from '../../../web/api/index.js';
import { createSession } from '../../../web/worker/session.js';
import { Event } from '../../../web/shared/protocol.js';

export function watchedSession(methods, onCall) {
  const posted = [];
  const session = createSession({
    post: (message, transfer = []) => posted.push({ message, transfer }),
    createTrainer: async (config, options) => {
      const trainer = await createTrainer(config, options);
      for (const name of methods) {
        const original = trainer[name].bind(trainer);
        trainer[name] = (...args) => { onCall(name, args); return original(...args); };
      }
      return trainer;
    },
  });
  let nextId = 1;
  const send = (type, fields = {}) => {
    const id = nextId++;
    return { id, answered: session.receive({ ...fields, type, id }) };
  };
  const reply = (id) => posted.find((p) => p.message.type === Event.REPLY && p.message.id === id)?.message;
  return { session, posted, send, reply };
}
