/** Runs work for the same key one after another (in this process), different keys concurrently. */
export class KeyedSerialiser {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for everything queued before on `key`, then holds it until the returned release is called. */
  hold(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => held);
    this.tails.set(key, tail);
    return previous.then(() => () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const release = await this.hold(key);
    try {
      return await work();
    } finally {
      release();
    }
  }
}
