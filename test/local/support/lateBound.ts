/**
 * A stand-in for something a test hook starts (a server, a cloud): a file's tests hold the
 * stand-in from the start, and each use reaches what the hook started last. Methods are bound
 * to it. Reading it before the hook ran (at the top level of a file) fails, naming `what`.
 */
export function lateBound<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const started = current();
      if (started === undefined) throw new Error(`${what} is not started: use it inside hooks and tests`);
      const member: unknown = Reflect.get(started, key);
      return typeof member === 'function' ? member.bind(started) : member;
    },
  });
}
