/**
 * A port (functions/use-cases/ports.ts) implemented by the methods a unit test expects its use case
 * to call. Calling any other method throws, naming it, so a test cannot pass through a method it
 * did not think about, and the fake needs no cast where it is used.
 */
export function partialPort<T extends object>(name: string, methods: Partial<T>): T {
  return new Proxy(methods, {
    get(target, property) {
      if (property in target) return target[property as keyof typeof target];
      // Not a thenable: awaiting a port must not look for a `then` method.
      if (property === 'then') return undefined;
      return () => {
        throw new Error(`${name}.${String(property)} was not expected in this test`);
      };
    },
  }) as T; // the Proxy answers every other method (by throwing), which is what T promises
}
