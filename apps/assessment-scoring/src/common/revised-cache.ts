import { Lru } from './lru';

interface Known<V> {
  /** Undefined while only an announced revision is known. */
  value: V | undefined;
  revision: number;
  /** The newest revision org-registry announced: a value of an older one is read again. */
  announced: number;
  readAt: number;
}

/**
 * Values read from an org read model, held in this replica's memory with the revision they were read at. An org event
 * of a record announces its new revision before (or after) this service's read model stores it: a value older than the
 * newest revision announced is read again until the read model has caught up. While the cache does not follow the org
 * events it holds nothing; a value older than `maxAgeMs` is read again (an announcement pushed out of a full cache
 * while the read model lagged would otherwise leave it stale).
 */
export class RevisedCache<V> {
  private readonly known: Lru<string, Known<V>>;
  private following = false;
  /** Bumped when following starts or stops: a read begun before may hold a value whose change was never heard. */
  private generation = 0;

  constructor(
    capacity: number,
    private readonly maxAgeMs = Number.POSITIVE_INFINITY,
    private readonly now: () => number = Date.now,
  ) {
    this.known = new Lru<string, Known<V>>(capacity);
  }

  /** Whether the cache hears every org event from now on: when it starts or stops, whatever it held goes. */
  follow(following: boolean): void {
    this.following = following;
    this.generation += 1;
    this.known.clear();
  }

  /** Taken before reading from the store, handed back to `put`. */
  get epoch(): number {
    return this.generation;
  }

  get size(): number {
    return this.known.size;
  }

  /** The value, when it is held at the newest revision announced and is not too old. */
  get(key: string): V | undefined {
    const known = this.known.get(key);
    if (known?.value === undefined || known.revision < known.announced) return undefined;
    return this.now() - known.readAt <= this.maxAgeMs ? known.value : undefined;
  }

  /** A value as the read model held it at `revision`, read since `epoch`. */
  put(epoch: number, key: string, value: V, revision: number): void {
    if (!this.following || epoch !== this.generation) return;
    const known = this.known.peek(key);
    if (known?.value !== undefined && known.revision > revision) return;
    this.known.set(key, { value, revision, announced: known?.announced ?? 0, readAt: this.now() });
  }

  /** An org event announced a record's revision. */
  announced(key: string, revision: number): void {
    if (!this.following) return;
    const known = this.known.peek(key);
    this.known.set(key, { value: known?.value, revision: known?.revision ?? 0, announced: Math.max(revision, known?.announced ?? 0), readAt: known?.readAt ?? 0 });
  }
}

export type RecordKind = 'unit' | 'member' | 'system';

/** The key of an org record in a revised cache. */
export function recordKey(kind: RecordKind, district: string, id: string): string {
  return JSON.stringify([kind, district, id]);
}
