// What requests hand to waitUntil (audit chaining, notifications) runs after the response, as on Workers.
// The server waits for it on shutdown and the Node tests before they read the rows it writes; a task
// may hand on another while it runs, so settling waits until none is left, not for one round.

export function backgroundContext(): { ctx: ExecutionContext; settled: () => Promise<void> } {
  const pending = new Set<Promise<unknown>>();
  const ctx = {
    waitUntil(p: Promise<unknown>) {
      const tracked = p.catch((err) => console.error('background task failed', err)).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;
  const settled = async () => {
    while (pending.size > 0) await Promise.all(pending);
  };
  return { ctx, settled };
}
