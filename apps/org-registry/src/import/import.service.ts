import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectModel } from '@nestjs/mongoose';
import { parse } from 'csv-parse/sync';
import { Model } from 'mongoose';
import { EventEnvelope } from '@campaign/contracts';
import { StagedOutbox } from '@campaign/messaging';
import { newId, today } from '../common/ids';
import { NamesService } from '../common/names.service';
import { orgCatalogues, OrgMessageKey, orgText } from '../i18n/messages';
import { badRequest, notFound, Problem } from '../i18n/problems';
import { enrolmentEnvelope, newMemberDocument, planMemberChange } from '../members/member-changes';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { MembersService } from '../members/members.service';
import { POST_DICTIONARY, PostDictionaryDocument, readPostRoleLookup } from '../post-dictionary/post-dictionary.schema';
import { PostRoleLookup } from '../post-dictionary/post-roles';
import { UNIT, UnitDocument } from '../units/unit.schema';
import { ColumnMapping, columnMappingSchema, mapRecord, MappedRow, UnitIndex } from './column-mapping';
import { computeImportDiff, DiffEntry, ImportDiff, MissingPolicy } from './import-diff';
import { IMPORT_MAPPING, ImportMappingDocument } from './import-mapping.schema';
import { bulkWriteSafely } from '@campaign/persistence';

const READ_BATCH = 5000;
/** Members written per batch: its events are staged in one document, which stays far below the store's 16 MB. */
const STAGED_BATCH = 1000;

/** A revision-guarded change of one member and the event that announces it. */
interface StagedMemberWrite {
  memberId: string;
  revision: number;
  update: Record<string, unknown>;
  envelope: EventEnvelope;
}

export interface ImportRequest {
  /** The file as text (CSV or JSON), or JSON records already parsed. */
  content: string | unknown[];
  mapping: ColumnMapping;
  /** Compute and report the diff without writing anything. */
  dryRun: boolean;
  /** `leave`: active members with an external id that the file does not list are marked left. Default `keep`. */
  missing?: MissingPolicy;
  /** Items listed per category in the report (counts are always exact). Default 1000. */
  maxItems?: number;
  /** Date of transfers and departures; default today. */
  effectiveAt?: string;
}

export interface ItemList<T> {
  count: number;
  items: T[];
  truncated: boolean;
}

/** A member the report mentions: ids with the member's name beside them. */
interface ReportedMember {
  line?: number;
  externalId: string;
  memberId?: string;
  name: string;
}

/** A rejected row: the field, the stable code and the reason in the caller's language. */
export interface ReportedRejection {
  line: number;
  externalId?: string;
  field: string;
  code: string;
  reason: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: ItemList<ReportedMember & { unitId: string; unitName: string | null }>;
  updated: ItemList<ReportedMember & { changes?: string[] }>;
  moved: ItemList<ReportedMember & { fromUnitId?: string; fromUnitName: string | null; toUnitId?: string; toUnitName: string | null; changes?: string[] }>;
  left: ItemList<ReportedMember>;
  unchanged: ItemList<ReportedMember>;
  rejected: ItemList<ReportedRejection>;
  /** Applied writes that lost a race with a concurrent change (the member changed after the diff was computed). */
  conflicts: number;
  durationMs: number;
}

function listOf<T, V>(entries: T[], maxItems: number, view: (entry: T) => V): ItemList<V> {
  return { count: entries.length, items: entries.slice(0, maxItems).map(view), truncated: entries.length > maxItems };
}

@Injectable()
export class ImportService {
  constructor(
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    @InjectModel(UNIT) private readonly units: Model<UnitDocument>,
    @InjectModel(IMPORT_MAPPING) private readonly mappings: Model<ImportMappingDocument>,
    @InjectModel(POST_DICTIONARY) private readonly dictionaries: Model<PostDictionaryDocument>,
    private readonly memberService: MembersService,
    private readonly names: NamesService,
    private readonly outbox: StagedOutbox,
  ) {}

  async saveMapping(district: string, name: string, raw: unknown): Promise<ImportMappingDocument> {
    const parsed = columnMappingSchema.safeParse(raw);
    if (!parsed.success) {
      // A refinement's message is a catalogue code; zod's own messages name the path they are about.
      const problems = parsed.error.issues.map((issue) =>
        issue.message in orgCatalogues['zh-CN'] ? orgText.t(issue.message as OrgMessageKey) : `${issue.path.join('.') || 'mapping'}: ${issue.message}`,
      );
      throw new Problem(HttpStatus.BAD_REQUEST, 'import.invalid-mapping', { problems: problems.join('; ') }, { field: 'columns', details: problems });
    }
    const mapping = { ...parsed.data, name, district };
    await this.mappings.updateOne({ district, name }, { $set: parsed.data }, { upsert: true });
    return mapping;
  }

  async mapping(district: string, name: string): Promise<ColumnMapping> {
    const found = await this.mappings.findOne({ district, name }).lean<ImportMappingDocument>();
    if (!found) throw notFound('import.mapping-not-found', { name });
    return { format: found.format, columns: found.columns, unitReference: found.unitReference, listSeparator: found.listSeparator, delimiter: found.delimiter };
  }

  async listMappings(district: string): Promise<ImportMappingDocument[]> {
    return this.mappings.find({ district }).sort({ name: 1 }).lean<ImportMappingDocument[]>();
  }

  /**
   * Imports members of one district by external id. A dry run returns the diff; an apply writes exactly that diff
   * (in batches, one outbox event per changed member) and returns the same report. Bad rows are rejected with
   * their line and reason and never stop the others.
   */
  async run(district: string, request: ImportRequest): Promise<ImportReport> {
    const started = Date.now();
    const effectiveAt = request.effectiveAt ?? today();
    const records = this.parse(request.content, request.mapping);
    const unitIndex = new UnitIndex(
      await this.units.find({ district, status: 'active' }).select({ _id: 1, code: 1, name: 1, path: 1 }).lean<UnitDocument[]>(),
    );
    const rows: MappedRow[] = records.map(({ record, line }) =>
      record && typeof record === 'object' && !Array.isArray(record)
        ? mapRecord(record as Record<string, unknown>, line, request.mapping, unitIndex)
        : { line, ok: false, field: 'record', code: 'import.row.not-an-object', params: {} },
    );
    // One scan of the district (equality on district is what FerretDB pushes down); members without external id are skipped here.
    const existing = (
      await this.members.find({ district }).select({ history: 0, createdAt: 0, updatedAt: 0 }).batchSize(READ_BATCH).lean<MemberDocument[]>()
    ).filter((member) => member.externalId);
    const diff = computeImportDiff(rows, existing, request.missing ?? 'keep', effectiveAt);
    const conflicts = request.dryRun ? 0 : await this.apply(district, diff, effectiveAt);
    return this.report(district, diff, request, records.length, conflicts, Date.now() - started);
  }

  private parse(content: string | unknown[], mapping: ColumnMapping): { record: unknown; line: number }[] {
    if (Array.isArray(content)) return content.map((record, index) => ({ record, line: index + 1 }));
    if (mapping.format === 'json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch (error) {
        throw badRequest('import.invalid-json', { detail: (error as Error).message }, 'file');
      }
      const records = Array.isArray(parsed) ? parsed : (parsed as { records?: unknown })?.records;
      if (!Array.isArray(records)) throw badRequest('import.json-not-records', {}, 'file');
      return records.map((record, index) => ({ record, line: index + 1 }));
    }
    try {
      const parsed = parse(content, {
        columns: true,
        bom: true,
        trim: true,
        skip_empty_lines: true,
        relax_column_count: true,
        delimiter: mapping.delimiter,
        info: true,
      }) as { record: Record<string, string>; info: { lines: number } }[];
      return parsed.map(({ record, info }) => ({ record, line: info.lines }));
    } catch (error) {
      throw badRequest('import.invalid-csv', { detail: (error as Error).message }, 'file');
    }
  }

  /**
   * Writes the diff: inserts and revision-guarded updates in unordered batches, each batch's events staged before it
   * and published for the members it wrote; returns how many updates lost a race.
   */
  private async apply(district: string, diff: ImportDiff, effectiveAt: string): Promise<number> {
    const envelopeOf = this.memberService.envelopeFactory(district);
    const postRoles = await readPostRoleLookup(this.dictionaries, district);
    const now = new Date();
    const inserts = diff.created.map((entry) => {
      const member = newMemberDocument(district, entry.next, newId(), entry.next.joinedAt ?? effectiveAt, postRoles);
      entry.memberId = member._id;
      return { document: { ...member, createdAt: now, updatedAt: now }, envelope: enrolmentEnvelope(member, envelopeOf) };
    });
    for (let i = 0; i < inserts.length; i += STAGED_BATCH) await this.insertBatch(district, inserts.slice(i, i + STAGED_BATCH));
    const changes = [...diff.updated, ...diff.moved, ...diff.left].map((entry) => this.updateOperation(district, entry, effectiveAt, envelopeOf, postRoles));
    let matched = 0;
    for (let i = 0; i < changes.length; i += STAGED_BATCH) matched += await this.updateBatch(district, changes.slice(i, i + STAGED_BATCH));
    return changes.length - matched;
  }

  /** An update that applies only to the member as it was read (its revision), so a concurrent change wins. */
  private updateOperation(
    district: string,
    entry: DiffEntry,
    effectiveAt: string,
    envelopeOf: ReturnType<MembersService['envelopeFactory']>,
    postRoles: PostRoleLookup,
  ): StagedMemberWrite {
    const current = entry.current as MemberDocument;
    const plan = planMemberChange(current, entry.next, effectiveAt, envelopeOf, postRoles);
    return { memberId: current._id, revision: current.revision, update: plan.update as Record<string, unknown>, envelope: plan.envelope as EventEnvelope };
  }

  private async insertBatch(district: string, batch: Array<{ document: { _id: string }; envelope: EventEnvelope }>): Promise<void> {
    const writeId = randomUUID();
    const staged = await this.outbox.stage(district, this.members.collection.name, writeId, batch.map(({ document, envelope }) => ({ documentId: document._id, envelope })));
    // lean: the rows are validated by the mapping already; skipping hydration keeps 100k rows fast.
    await this.members.insertMany(batch.map(({ document }) => ({ ...document, writeId })), { ordered: false, lean: true });
    await this.outbox.publish(staged, new Set(batch.map(({ document }) => document._id)));
  }

  /** Applies a batch of revision-guarded updates; returns how many matched (a member changed meanwhile does not). */
  private async updateBatch(district: string, batch: StagedMemberWrite[]): Promise<number> {
    const writeId = randomUUID();
    const staged = await this.outbox.stage(district, this.members.collection.name, writeId, batch.map(({ memberId, envelope }) => ({ documentId: memberId, envelope })));
    const operations = batch.map(({ memberId, revision, update }) => ({
      updateOne: { filter: { district, _id: memberId, revision }, update: { ...update, $set: { ...(update.$set as Record<string, unknown>), writeId } } },
    }));
    await bulkWriteSafely(this.members, operations as never, { ordered: false });
    const written = await this.members.find({ district, writeId }).select('_id').lean<Array<{ _id: string }>>();
    await this.outbox.publish(staged, new Set(written.map((member) => member._id)));
    return written.length;
  }

  /** The diff as the caller reads it: names beside member and unit ids, rejections in the caller's language. */
  private async report(district: string, diff: ImportDiff, request: ImportRequest, rows: number, conflicts: number, durationMs: number): Promise<ImportReport> {
    const max = request.maxItems ?? 1000;
    const listed = [...diff.created, ...diff.moved].slice(0, 2 * max);
    const units = await this.names.units(district, listed.flatMap((entry) => [entry.next.unitId, entry.fromUnitId]));
    const unitName = (unitId: string | undefined) => (unitId ? (units.get(unitId) ?? null) : null);
    const member = (entry: DiffEntry): ReportedMember => ({
      ...(entry.line ? { line: entry.line } : {}),
      externalId: entry.externalId,
      ...(entry.memberId ? { memberId: entry.memberId } : {}),
      name: entry.next.name,
    });
    return {
      dryRun: request.dryRun,
      rows,
      created: listOf(diff.created, max, (entry) => ({ ...member(entry), unitId: entry.next.unitId, unitName: unitName(entry.next.unitId) })),
      updated: listOf(diff.updated, max, (entry) => ({ ...member(entry), changes: entry.changes })),
      moved: listOf(diff.moved, max, (entry) => ({
        ...member(entry),
        fromUnitId: entry.fromUnitId,
        fromUnitName: unitName(entry.fromUnitId),
        toUnitId: entry.toUnitId,
        toUnitName: unitName(entry.toUnitId),
        changes: entry.changes,
      })),
      left: listOf(diff.left, max, member),
      unchanged: listOf(diff.unchanged, max, member),
      rejected: listOf(diff.rejected, max, ({ line, externalId, field, code, params }) => ({
        line,
        ...(externalId ? { externalId } : {}),
        field,
        code,
        reason: orgText.t(code, params),
      })),
      conflicts,
      durationMs,
    };
  }
}
