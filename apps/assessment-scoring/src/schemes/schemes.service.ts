import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';
import { AuditService } from '../audit/audit.service';
import { Lru } from '../common/lru';
import { SchemeError, SchemeVersion, validateScheme, versionInForce } from '../rules/scheme.definition';
import { messages } from '../common/messages';
import { schemeErrorView } from './scheme-errors';
import { SCHEME_VERSION, SchemeVersionDocument } from './scheme.schema';

export function toSchemeVersion(document: SchemeVersionDocument): SchemeVersion {
  const { campaignId, version, effectiveFrom, reason, indicators } = document;
  return { campaignId, version, effectiveFrom, reason, indicators };
}

/** Campaigns whose scheme versions a process keeps in memory, the least recently used forgotten first. */
const HELD_CAMPAIGNS = 1_000;

/** A campaign's versions as read, in order, with the id of the newest (a store rebuilt since holds other ids). */
interface HeldVersions {
  versions: readonly SchemeVersion[];
  newestId: Types.ObjectId | null;
}

@Injectable()
export class SchemesService {
  private readonly held = new Lru<string, HeldVersions>(HELD_CAMPAIGNS);

  constructor(
    @InjectModel(SCHEME_VERSION) private readonly versions: Model<SchemeVersionDocument>,
    private readonly audit: AuditService,
  ) {}

  /** Validates a scheme as the next version of the campaign's: its errors name their JSON paths (400). */
  async nextVersion(district: string, campaignId: string, input: unknown): Promise<SchemeVersion> {
    const validation = validateScheme(input);
    if (!validation.ok) throw this.invalid(validation.errors);
    const latest = await this.versions.findOne({ district, campaignId }).sort({ version: -1 }).lean();
    if (latest && validation.scheme.effectiveFrom < latest.effectiveFrom) {
      throw this.invalid([{ path: 'effectiveFrom', key: 'scheme-error.effective-before-latest', params: { version: latest.version, effectiveFrom: latest.effectiveFrom } }]);
    }
    return { ...validation.scheme, campaignId, version: (latest?.version ?? 0) + 1 };
  }

  /** Validates and saves the next version; it applies to what happens from its effective date on. */
  async save(district: string, campaignId: string, input: unknown, actor: string): Promise<SchemeVersionDocument> {
    const { version, ...scheme } = await this.nextVersion(district, campaignId, input);
    try {
      const saved = await this.versions.create({ district, version, savedBy: actor, ...scheme });
      await this.audit.record({ district, campaignId, action: 'scheme.saved', actor, target: `scheme:v${version}`, reason: scheme.reason, details: { effectiveFrom: scheme.effectiveFrom } });
      return saved.toObject();
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictException(messages.t('scheme.saved-concurrently', { version }));
      throw error;
    }
  }

  private invalid(errors: SchemeError[]): BadRequestException {
    return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: messages.t('scheme.invalid'), errors: errors.map((error) => schemeErrorView(error)) });
  }

  async list(district: string, campaignId: string): Promise<SchemeVersionDocument[]> {
    return this.versions.find({ district, campaignId }).sort({ version: 1 }).select('-_id').lean();
  }

  async get(district: string, campaignId: string, version: number): Promise<SchemeVersionDocument> {
    const found = await this.versions.findOne({ district, campaignId, version }).select('-_id').lean();
    if (!found) throw new NotFoundException(messages.t('scheme.no-version', { campaignId, version }));
    return found;
  }

  /**
   * Every version of the campaign's scheme, oldest first. Versions never change and are numbered 1, 2, … as they are
   * saved, so what this process read is still whole when no version follows its newest and that one is the same
   * document: two probes by key, instead of reading every version (with all its indicators) for each fetch scored.
   */
  async allVersions(district: string, campaignId: string): Promise<readonly SchemeVersion[]> {
    const key = `${district}|${campaignId}`;
    const held = this.held.get(key);
    if (held && (await this.unchanged(district, campaignId, held))) return held.versions;
    const documents = await this.versions.find({ district, campaignId }).sort({ version: 1 }).lean<Array<SchemeVersionDocument & { _id: Types.ObjectId }>>();
    const versions = documents.map(toSchemeVersion);
    this.held.set(key, { versions, newestId: documents.at(-1)?._id ?? null });
    return versions;
  }

  private async unchanged(district: string, campaignId: string, held: HeldVersions): Promise<boolean> {
    const count = held.versions.length;
    const [next, newest] = await Promise.all([
      this.versions.exists({ district, campaignId, version: count + 1 }),
      count === 0 ? null : this.versions.exists({ district, campaignId, version: count }),
    ]);
    return !next && (count === 0 || String(newest?._id) === String(held.newestId));
  }

  /** The version that scores what happened on a (local) day; undefined before the first version's date. */
  async inForce(district: string, campaignId: string, day: string): Promise<SchemeVersion | undefined> {
    return versionInForce(await this.allVersions(district, campaignId), day);
  }

  /** Campaigns of the district that have a scheme: a study log outside any campaign counts in each of them. */
  async campaignsWithSchemes(district: string): Promise<string[]> {
    return (await this.versions.distinct('campaignId', { district })) as string[];
  }
}
