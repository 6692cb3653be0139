import { RevisedCache } from './revised-cache';

/** A district's systems as the read model held them: each with its members and the revision it was read at. */
export type DistrictSystems = ReadonlyMap<string, { unitIds: readonly string[]; revision: number }>;

interface HeldSystems {
  systems: DistrictSystems;
  readAt: number;
}

/** Everything held is read again after this long, whatever was announced: it bounds how long a missed announcement can mislead. */
export const UNIT_SYSTEMS_MAX_AGE_MS = 60_000;

/**
 * What a line needs to know of the systems its unit is in, held in this replica's memory: each unit's own `systemIds`
 * (by the unit's revision, see RevisedCache) and each district's systems with their members (held as one list, read
 * again as soon as an org event announces a system revision newer than the one held, a new system included).
 */
export class UnitSystemsCache {
  readonly units: RevisedCache<readonly string[]>;
  private readonly districts = new Map<string, HeldSystems>();
  /** The newest revision announced per system of each district. */
  private readonly announcements = new Map<string, Map<string, number>>();
  private following = false;
  private generation = 0;

  constructor(
    maxUnits: number,
    private readonly maxAgeMs = UNIT_SYSTEMS_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.units = new RevisedCache<readonly string[]>(maxUnits, maxAgeMs, now);
  }

  /** Whether the org events are heard from now on: when that starts or stops, whatever was held goes. */
  follow(following: boolean): void {
    this.following = following;
    this.generation += 1;
    this.districts.clear();
    this.announcements.clear();
    this.units.follow(following);
  }

  /** Taken before reading a district's systems from the store, handed back to `putSystems`. */
  get epoch(): number {
    return this.generation;
  }

  /** The district's systems, when every revision announced of them is held and they are not too old. */
  systemsOf(district: string): DistrictSystems | undefined {
    const held = this.districts.get(district);
    if (!held || this.now() - held.readAt > this.maxAgeMs) return undefined;
    for (const [systemId, revision] of this.announcements.get(district) ?? []) {
      if ((held.systems.get(systemId)?.revision ?? 0) < revision) return undefined;
    }
    return held.systems;
  }

  putSystems(epoch: number, district: string, systems: DistrictSystems): void {
    if (!this.following || epoch !== this.generation) return;
    this.districts.set(district, { systems, readAt: this.now() });
  }

  /** An org event announced a system's revision (created, renamed, units joined or left). */
  systemAnnounced(district: string, systemId: string, revision: number): void {
    if (!this.following) return;
    const announced = this.announcements.get(district) ?? new Map<string, number>();
    announced.set(systemId, Math.max(revision, announced.get(systemId) ?? 0));
    this.announcements.set(district, announced);
  }
}
