// The V8 heap of the Worker's own isolate, read over workerd's inspector (Chrome DevTools Protocol):
// process RSS also counts SQLite's page cache of the D1 object living in the same workerd process,
// which grows with the pages a query touches and says nothing about whether a stream buffers rows.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

/** Connects to the isolate of the entry Worker (miniflare names it `core:user:<worker name>`). */
export async function userIsolate(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { title: string; webSocketDebuggerUrl: string }[];
  const target = targets.find((t) => /core:user:$/.test(t.title));
  if (!target) throw new Error(`no user isolate among ${targets.map((t) => t.title).join(', ')}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve);
    ws.addEventListener('error', reject);
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.addEventListener('message', (e) => {
    const data = String(e.data);
    if (data.startsWith('{"method"')) return; // events, e.g. heap snapshot chunks
    const msg = JSON.parse(data) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
    if (msg.id !== undefined) pending.delete(msg.id);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      pending.set(++id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    /** Bytes of the isolate's V8 heap in use, garbage not yet collected included. */
    heapUsed: async () => (await send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize,
    /**
     * Bytes still reachable: the heap in use right after a full garbage collection. workerd does not answer
     * HeapProfiler.collectGarbage, but a heap snapshot starts with a full collection (its chunks are ignored).
     */
    liveHeap: async () => {
      await send('HeapProfiler.enable');
      await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      return (await send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
    },
    close: () => ws.close(),
  };
}
