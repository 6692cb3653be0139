import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { STREAMS } from '@campaign/contracts';
import { LiveFeed, NatsClient } from '@campaign/messaging';
import { MemberContextCache } from '../common/member-context-cache';
import { NameCache, NamedKind } from '../common/name-cache';
import { recordKey } from '../common/revised-cache';
import { UnitSystemsCache } from '../common/unit-systems-cache';
import { RankingView } from '../rankings/ranking-view';
import { LiveScoresService } from './live-scores.service';

/** The org events that carry a record's new revision: its name may have changed. */
const NAMING_SUBJECTS = ['org.unit.>', 'org.member.>', 'org.system.>'];
const LISTEN_AGAIN_MS = 1_000;

/** What of an org event names a record: its unit, member or system snapshot's id and revision. */
interface NamingPayload {
  unit?: { unitId?: unknown; revision?: unknown };
  member?: { memberId?: unknown; revision?: unknown };
  systemId?: unknown;
  revision?: unknown;
}

/**
 * Keeps this replica's in-memory views following the events that change them: the ranking view hears every
 * `scoring.score.changed`, the name cache every org event of a unit, member or system, the member contexts every
 * member's, the units' systems every unit's and system's. A view serves only while its feed is live; an interruption empties it and it fills again from the store
 * once the feed is back.
 */
@Injectable()
export class LiveViewsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveViewsService.name);
  private readonly orgFeed: LiveFeed;
  private readonly stops: Array<() => void> = [];
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly scores: LiveScoresService,
    private readonly rankings: RankingView,
    private readonly names: NameCache,
    private readonly memberContexts: MemberContextCache,
    private readonly unitSystems: UnitSystemsCache,
    nats: NatsClient,
  ) {
    this.orgFeed = new LiveFeed(nats, STREAMS.org.name, NAMING_SUBJECTS, this.logger);
  }

  onApplicationBootstrap(): void {
    void this.followRankings();
    void this.followNames();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.retry);
    this.stops.forEach((stop) => stop());
    await this.orgFeed.stop();
  }

  private async followRankings(): Promise<void> {
    try {
      this.stops.push(
        await this.scores.listen({
          change: (change) => this.rankings.apply(change),
          interrupted: () => this.rankings.follow(false),
          resumed: () => this.rankings.follow(true),
        }),
      );
    } catch (error) {
      this.listenAgain('score changes', error, () => this.followRankings());
    }
  }

  private async followNames(): Promise<void> {
    try {
      this.stops.push(
        await this.orgFeed.listen({
          message: (_subject, data) => {
            const revised = revisedRecord(data);
            if (!revised) return;
            const key = recordKey(revised.kind, revised.district, revised.id);
            this.names.announced(key, revised.revision);
            if (revised.kind === 'member') this.memberContexts.announced(key, revised.revision);
            if (revised.kind === 'unit') this.unitSystems.units.announced(key, revised.revision);
            if (revised.kind === 'system') this.unitSystems.systemAnnounced(revised.district, revised.id, revised.revision);
          },
          interrupted: () => [this.names, this.memberContexts, this.unitSystems].forEach((cache) => cache.follow(false)),
          resumed: () => [this.names, this.memberContexts, this.unitSystems].forEach((cache) => cache.follow(true)),
        }),
      );
    } catch (error) {
      this.listenAgain('org events', error, () => this.followNames());
    }
  }

  private listenAgain(what: string, error: unknown, listen: () => Promise<void>): void {
    this.logger.warn(`not following ${what} yet (${(error as Error).message}): rankings and names are read from the store meanwhile`);
    this.retry = setTimeout(() => void listen(), LISTEN_AGAIN_MS);
  }
}

/** The record an org event revises, read without validating the whole event (an HR import sends a hundred thousand). */
function revisedRecord(data: string): { kind: NamedKind; district: string; id: string; revision: number } | null {
  const { district, payload } = JSON.parse(data) as { district?: unknown; payload?: NamingPayload };
  if (typeof district !== 'string' || !payload) return null;
  const [kind, id, revision]: [NamedKind, unknown, unknown] = payload.unit
    ? ['unit', payload.unit.unitId, payload.unit.revision]
    : payload.member
      ? ['member', payload.member.memberId, payload.member.revision]
      : ['system', payload.systemId, payload.revision];
  return typeof id === 'string' && typeof revision === 'number' ? { kind, district, id, revision } : null;
}
