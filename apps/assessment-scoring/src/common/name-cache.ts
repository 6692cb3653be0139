import { Lru } from './lru';

export type NamedKind = 'unit' | 'member' | 'system';

interface Known {
  /** Null while only an announced revision is known. */
  name: string | null;
  revision: number;
  /** The newest revision org-registry announced: a name of an older one is read again. */
  announced: number;
}

/**
 * Names of units, members and systems held in this replica's memory, each with the revision of the read model it was
 * read at. An org event of a record announces its new revision before (or after) this service's read model stores it:
 * a name older than the newest revision announced is read again until the read model has caught up. While the cache
 * does not follow the org events it holds nothing.
 */
export class NameCache {
  private readonly known: Lru<string, Known>;
  private following = false;
  /** Bumped when following starts or stops: a read begun before may hold a name whose change was never heard. */
  private generation = 0;

  constructor(capacity: number) {
    this.known = new Lru<string, Known>(capacity);
  }

  /** Whether the cache hears every org event from now on: when it starts or stops, whatever it held goes. */
  follow(following: boolean): void {
    this.following = following;
    this.generation += 1;
    this.known.clear();
  }

  /** Taken before reading names from the store, handed back to `put`. */
  get epoch(): number {
    return this.generation;
  }

  get size(): number {
    return this.known.size;
  }

  /** The name, when it is held at the newest revision announced. */
  get(kind: NamedKind, district: string, id: string): string | undefined {
    const known = this.known.get(keyOf(kind, district, id));
    return known?.name != null && known.revision >= known.announced ? known.name : undefined;
  }

  /** A name as the read model held it, read since `epoch`. */
  put(epoch: number, kind: NamedKind, district: string, id: string, name: string, revision: number): void {
    if (!this.following || epoch !== this.generation) return;
    const key = keyOf(kind, district, id);
    const known = this.known.peek(key);
    if (known?.name != null && known.revision > revision) return;
    this.known.set(key, { name, revision, announced: known?.announced ?? 0 });
  }

  /** An org event announced a record's revision. */
  announced(kind: NamedKind, district: string, id: string, revision: number): void {
    if (!this.following) return;
    const key = keyOf(kind, district, id);
    const known = this.known.peek(key);
    this.known.set(key, { name: known?.name ?? null, revision: known?.revision ?? 0, announced: Math.max(revision, known?.announced ?? 0) });
  }
}

function keyOf(kind: NamedKind, district: string, id: string): string {
  return JSON.stringify([kind, district, id]);
}
