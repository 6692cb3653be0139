/**
 * A least-recently-used map bounded by the total weight of its values (how many items each holds): reading or setting
 * an entry makes it the newest, and the oldest go once the total passes the capacity. `dropped` hears of each entry
 * evicted or deleted (not of `clear`).
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
    private readonly dropped: (key: K, value: V) => void = () => undefined,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // A Map iterates in insertion order: re-inserting makes the entry the newest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Without making it the newest. */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Stores (or weighs again) an entry as the newest, then evicts the oldest beyond the capacity, this one included if it alone passes it. */
  set(key: K, value: V): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.total -= previous.weight;
      this.entries.delete(key);
    }
    const weight = this.weigh(value);
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.capacity) break;
      this.remove(oldest, entry);
    }
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.remove(key, entry);
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  private remove(key: K, entry: { value: V; weight: number }): void {
    this.entries.delete(key);
    this.total -= entry.weight;
    this.dropped(key, entry.value);
  }
}
