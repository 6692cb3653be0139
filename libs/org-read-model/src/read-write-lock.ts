interface Waiter {
  exclusive: boolean;
  enter: () => void;
}

/**
 * A readers-writer lock: member events of a district run side by side (shared), while a unit event, whose path
 * rewrite touches many units and members, runs alone (exclusive). Needed because FerretDB 1.x updates are not
 * isolated (see document-locks.ts in libs/persistence).
 */
export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly waiting: Waiter[] = [];

  shared<T>(work: () => Promise<T>): Promise<T> {
    return this.run(false, work);
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.run(true, work);
  }

  get idle(): boolean {
    return !this.writer && this.readers === 0 && this.waiting.length === 0;
  }

  private async run<T>(exclusive: boolean, work: () => Promise<T>): Promise<T> {
    await this.acquire(exclusive);
    try {
      return await work();
    } finally {
      if (exclusive) this.writer = false;
      else this.readers -= 1;
      this.admit();
    }
  }

  private acquire(exclusive: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ exclusive, enter: resolve });
      this.admit();
    });
  }

  /** Admits waiters in arrival order while they fit, so a waiting unit event is not starved by member events. */
  private admit(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0];
      const fits = next.exclusive ? !this.writer && this.readers === 0 : !this.writer;
      if (!fits) return;
      this.waiting.shift();
      if (next.exclusive) this.writer = true;
      else this.readers += 1;
      next.enter();
    }
  }
}
