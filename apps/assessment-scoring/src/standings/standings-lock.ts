import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Connection, mongo, Types } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';

/**
 * Ledger lines a holder set out to add to the standings under its generation; done when its hold is released clean.
 * `lineIds` are lines written before (left pending); `append` names the lines the holder itself inserts in the hold.
 */
export interface StandingsWork {
  generation: number;
  lineIds: Types.ObjectId[];
  append?: string | null;
}

interface Generation {
  _id: string;
  lock: string;
  generation: number;
  holder: string;
  leaseUntil: Date;
  releasedAt: Date | null;
  /** Unfinished work: what this holder took over from a predecessor, then its own. */
  work: StandingsWork[];
}

interface Head {
  _id: string;
  generation: number;
}

export class LeaseLostError extends Error {
  constructor(lock: string, generation: number) {
    super(`the hold of ${lock} (generation ${generation}) outlived its lease; another replica may have taken it over`);
    this.name = 'LeaseLostError';
  }
}

/** Generations kept behind the newest; older ones are deleted by the holders as they go. */
const KEPT_GENERATIONS = 50;
const POLL_MIN_MS = 10;
const POLL_JITTER_MS = 30;

/** One exclusive hold of a lock: its generation fences writes, its work is what a successor redoes if it fails. */
export class StandingsHold {
  private leaseUntil: number;
  private owedWork: StandingsWork[] = [];

  constructor(
    private readonly generations: mongo.Collection<Generation>,
    readonly lock: string,
    readonly generation: number,
    /** Work a predecessor left unfinished (it failed or its lease ran out), oldest first: redo it before anything else. */
    readonly inherited: StandingsWork[],
    private readonly leaseMs: number,
    leaseUntil: Date,
  ) {
    this.leaseUntil = leaseUntil.getTime();
  }

  private get id(): string {
    return `${this.lock}|${this.generation}`;
  }

  /** Renews the lease when a third of it is used up; throws when it already ran out, so nothing is written unfenced. */
  async keep(): Promise<void> {
    const now = Date.now();
    if (now >= this.leaseUntil) throw new LeaseLostError(this.lock, this.generation);
    if (this.leaseUntil - now > (this.leaseMs * 2) / 3) return;
    const leaseUntil = new Date(now + this.leaseMs);
    await this.generations.updateOne({ _id: this.id }, { $set: { leaseUntil } });
    this.leaseUntil = leaseUntil.getTime();
  }

  /** Records the work about to be done, after the inherited work, before any of it is written. */
  async record(work: StandingsWork): Promise<void> {
    await this.keep();
    await this.generations.updateOne({ _id: this.id }, { $set: { work: [...this.inherited, work] } });
  }

  /**
   * Work this hold leaves owing on purpose (standings it did not write yet): released with it, so the next holder
   * inherits it, as it would a failed holder's.
   */
  owe(work: StandingsWork[]): void {
    this.owedWork = work;
  }

  get owed(): readonly StandingsWork[] {
    return this.owedWork;
  }

  /** Releases the lock: with `unfinished`, the work recorded so far is left for the next holder to redo; else what it owes. */
  async release(unfinished = false): Promise<void> {
    await this.generations.updateOne({ _id: this.id }, { $set: { releasedAt: new Date(), ...(unfinished ? {} : { work: this.owedWork }) } });
  }
}

/**
 * A mutex in the store, shared by every replica: FerretDB 1.x updates are read-modify-write, not atomic across
 * processes, but a unique-key insert is. A hold is the insert of the next generation `<lock>|<n+1>`, allowed once
 * generation n is released or its lease ran out (its holder died): exactly one insert of n+1 succeeds. Lookups are by
 * `_id` only, the one filter FerretDB's SQLite backend evaluates in SQL rather than by decoding every document.
 */
export class StandingsLock {
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** The newest generation this process has seen per lock, where its next attempt starts. */
  private readonly seen = new Map<string, number>();
  /** The generation this process last released with nothing left to redo, per lock: nothing to read before the next. */
  private readonly releasedClean = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly leaseMs: number,
  ) {}

  private get generations(): mongo.Collection<Generation> {
    return this.connection.collection<Generation>('standings_locks');
  }

  private get heads(): mongo.Collection<Head> {
    return this.connection.collection<Head>('standings_lock_heads');
  }

  async acquire(lock: string): Promise<StandingsHold> {
    // A generation seen here is where to try first: were others ahead, the inserts below fail until the newest.
    let generation = this.seen.get(lock) ?? (await this.head(lock));
    for (;;) {
      let inherited: StandingsWork[] = [];
      if (generation > 0 && this.releasedClean.get(lock) !== generation) {
        const current = await this.generations.findOne({ _id: `${lock}|${generation}` });
        if (!current) {
          // Deleted behind the newest generations: start again from the head.
          const head = await this.head(lock);
          if (head > generation) {
            generation = head;
            continue;
          }
        } else if (!current.releasedAt && current.leaseUntil.getTime() > Date.now()) {
          await new Promise((resolve) => setTimeout(resolve, POLL_MIN_MS + Math.random() * POLL_JITTER_MS));
          continue;
        } else {
          inherited = current.work;
        }
      }
      const next = generation + 1;
      const leaseUntil = new Date(Date.now() + this.leaseMs);
      try {
        await this.generations.insertOne({ _id: `${lock}|${next}`, lock, generation: next, holder: this.holder, leaseUntil, releasedAt: null, work: inherited });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Taken: others went ahead, perhaps by many generations (the head never passes the newest).
        generation = Math.max(next, await this.head(lock));
        continue;
      }
      // An insert into the slot of a generation already deleted (this process read a very old one) holds nothing.
      const head = await this.head(lock);
      if (head > next) {
        await this.generations.updateOne({ _id: `${lock}|${next}` }, { $set: { releasedAt: new Date(), work: [] } });
        generation = head;
        continue;
      }
      this.seen.set(lock, next);
      await Promise.all([
        this.heads.updateOne({ _id: `${lock}|head` }, { $set: { generation: next } }, { upsert: true }),
        next > KEPT_GENERATIONS ? this.generations.deleteOne({ _id: `${lock}|${next - KEPT_GENERATIONS}` }) : null,
      ]);
      return new StandingsHold(this.generations, lock, next, inherited, this.leaseMs, leaseUntil);
    }
  }

  /** Runs `work` holding the lock; a failure leaves the recorded work to the next holder. */
  async run<T>(lock: string, work: (hold: StandingsHold) => Promise<T>): Promise<T> {
    const hold = await this.acquire(lock);
    let result: T;
    try {
      result = await work(hold);
    } catch (error) {
      await hold.release(true).catch(() => undefined);
      throw error;
    }
    await hold.release();
    if (hold.owed.length === 0) this.releasedClean.set(lock, hold.generation);
    else this.releasedClean.delete(lock);
    return result;
  }

  private async head(lock: string): Promise<number> {
    return (await this.heads.findOne({ _id: `${lock}|head` }))?.generation ?? 0;
  }
}
