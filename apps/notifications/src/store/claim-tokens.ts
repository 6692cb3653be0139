import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, Model, mongo, RootFilterQuery } from 'mongoose';
import { deleteOlderThan } from '@campaign/messaging';
import { acrossDistricts, isDuplicateKey } from '@campaign/persistence';

interface ClaimToken {
  _id: string;
  claimedBy: string;
  claimedAt: Date;
}

/** A job document several replicas compete for: each claim bumps its generation. */
export interface ClaimableJob {
  district: string;
  claimGeneration: number;
}

export interface ClaimSpec<T extends ClaimableJob> {
  model: Model<T>;
  /** Names the document among all jobs, e.g. `delivery:<district>:<deliveryId>`. */
  tokenId: (job: T) => string;
  /** The filter naming this one document. */
  key: (job: T) => Record<string, unknown>;
  /** Due now, or held by a claimant whose lease ran out. */
  due: (now: Date) => Record<string, unknown>;
  /** Still claimable at the moment of the claim (the candidate was read a moment earlier). */
  claimable: (now: Date) => Record<string, unknown>;
  sort: Record<string, 1 | -1>;
  claimedStatus: string;
}

const CANDIDATES = 20;

/**
 * Exclusive claims between replicas. FerretDB 1.x findAndModify is not atomic under concurrent writers (two
 * replicas both "won" the same delivery in our race test), so claiming generation n of a job is inserting the
 * unique _id `<job>:<n>`: exactly one replica's insert succeeds, on FerretDB and MongoDB alike. The document's
 * generation then fences off a previous holder whose lease ran out: its writes name the old generation.
 */
@Injectable()
export class ClaimTokens {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get tokens(): mongo.Collection<ClaimToken> {
    return this.connection.collection<ClaimToken>('claim_tokens');
  }

  async claimNext<T extends ClaimableJob>(spec: ClaimSpec<T>, claimant: string, now: Date, leaseMs: number): Promise<T | null> {
    const candidates = await acrossDistricts(spec.model.find(spec.due(now) as RootFilterQuery<T>).sort(spec.sort).limit(CANDIDATES)).lean<T[]>();
    for (const candidate of candidates) {
      const generation = candidate.claimGeneration + 1;
      const current = { ...spec.key(candidate), claimGeneration: candidate.claimGeneration };
      const tokenId = `${spec.tokenId(candidate)}:${generation}`;
      if (!(await this.win(tokenId, claimant, now))) {
        // Won by a claimant that died before it took the job: once its lease would have run out, the job moves past that generation.
        const token = await this.tokens.findOne({ _id: tokenId });
        if (token && token.claimedAt.getTime() + leaseMs < now.getTime()) await spec.model.updateOne(current as RootFilterQuery<T>, { $set: { claimGeneration: generation } });
        continue;
      }
      const claimed = await spec.model.updateOne({ ...current, ...spec.claimable(now) } as RootFilterQuery<T>, {
        $set: { status: spec.claimedStatus, claimedBy: claimant, leaseUntil: new Date(now.getTime() + leaseMs), claimGeneration: generation },
      });
      if (claimed.modifiedCount === 1) return spec.model.findOne(spec.key(candidate) as RootFilterQuery<T>).lean<T>();
      // Not claimable any more: still take the generation whose token was won, so no later claim waits on it.
      await spec.model.updateOne(current as RootFilterQuery<T>, { $set: { claimGeneration: generation } });
    }
    return null;
  }

  /** Deletes tokens claimed before `cutoff`: every claim they guarded has long finished, and later claims name newer generations. */
  prune(cutoff: Date, signal?: AbortSignal): Promise<number> {
    return deleteOlderThan(this.tokens, {}, 'claimedAt', cutoff, { signal });
  }

  private async win(tokenId: string, claimant: string, now: Date): Promise<boolean> {
    try {
      await this.tokens.insertOne({ _id: tokenId, claimedBy: claimant, claimedAt: now });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
