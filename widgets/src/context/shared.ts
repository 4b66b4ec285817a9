/**
 * In-flight request sharing: elements under one provider that ask the same question at the same
 * time (six `<rm-kpi>`s reading one summary) share one request. Each caller keeps its own abort:
 * the shared request is cancelled only when every caller has gone.
 */
interface Entry {
  promise: Promise<unknown>;
  controller: AbortController;
  users: number;
}

const inFlight = new WeakMap<object, Map<string, Entry>>();

export function shared<T>(owner: object, key: string, run: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
  let byKey = inFlight.get(owner);
  if (!byKey) inFlight.set(owner, (byKey = new Map()));
  let entry = byKey.get(key);
  if (!entry) {
    const controller = new AbortController();
    const created: Entry = { controller, users: 0, promise: Promise.resolve() };
    created.promise = run(controller.signal).finally(() => {
      if (byKey.get(key) === created) byKey.delete(key);
    });
    created.promise.catch(() => undefined);
    byKey.set(key, created);
    entry = created;
  }
  const current = entry;
  current.users++;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const leave = () => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      if (--current.users === 0 && byKey.get(key) === current) {
        // nobody waits any more; a later caller starts afresh
      }
    };
    const onAbort = () => {
      leave();
      if (current.users === 0) {
        byKey.delete(key);
        current.controller.abort(signal?.reason);
      }
      reject(signal?.reason ?? new DOMException('aborted', 'AbortError'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    current.promise.then(
      (value) => {
        if (done) return;
        leave();
        resolve(value as T);
      },
      (error: unknown) => {
        if (done) return;
        leave();
        reject(error);
      },
    );
  });
}
