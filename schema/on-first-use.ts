// A Worker isolate evaluates every module before it serves its first request, and that start-up CPU is
// what a cold request waits for (issue 12 item 8, bench/BENCHMARKS.md "Worker start-up"). Building the
// zod schemas and the built-in form templates at load was most of it. `onFirstUse(build)` stands in
// for the value and builds it on its first use, so a definition site changes and its callers do not:
// `export const x = onFirstUse(() => z.object(…))` is used exactly as `z.object(…)` was.
//
// The stand-in is a Proxy that forwards every read to the built value. Methods come back bound to it
// (zod's are prototype methods that use `this`), and property descriptors are reported configurable,
// which a Proxy over an empty target must do (zod defines `_zod` non-configurable).
export function onFirstUse<T extends object>(build: () => T): T {
  let value: T | undefined;
  const real = (): T => {
    value ??= build();
    return value;
  };
  const bound = new Map<PropertyKey, [member: unknown, fn: unknown]>();
  return new Proxy({} as T, {
    get(_, key) {
      const target = real();
      const member: unknown = Reflect.get(target, key, target);
      if (typeof member !== 'function') return member;
      const cached = bound.get(key);
      if (cached?.[0] === member) return cached[1];
      const fn = (member as (...args: unknown[]) => unknown).bind(target);
      bound.set(key, [member, fn]);
      return fn;
    },
    set: (_, key, v) => Reflect.set(real(), key, v),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor(_, key) {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
