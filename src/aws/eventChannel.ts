/** An async-iterable queue: one producer pushes, one consumer iterates, an error ends it. */
export class EventChannel<T> implements AsyncIterable<T> {
  readonly #buffer: T[] = [];
  #waiter?: () => void;
  #closed = false;
  #error?: Error;

  public push(value: T): void {
    this.#buffer.push(value);
    this.#wake();
  }

  public close(): void {
    this.#closed = true;
    this.#wake();
  }

  public fail(error: Error): void {
    this.#error = error;
    this.close();
  }

  public async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (true) {
      const next = this.#buffer.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.#error !== undefined) throw this.#error;
      if (this.#closed) return;
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
      });
    }
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }
}
