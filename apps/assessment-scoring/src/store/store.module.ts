import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  APPRAISAL,
  APPRAISAL_ROUND,
  appraisalRoundSchema,
  appraisalSchema,
  EXCELLENT_LIMIT,
  EXCELLENT_PLACE,
  excellentLimitSchema,
  excellentPlaceSchema,
  HONOUR_QUOTA,
  honourQuotaSchema,
} from '../appraisal/appraisal.schemas';
import { AUDIT_ENTRY, auditEntrySchema } from '../audit/audit-entry.schema';
import { LEDGER_LINE, ledgerLineSchema } from '../ledger/ledger-line.schema';
import { SCORE_FACT, scoreFactSchema } from '../ledger/score-fact.schema';
import { RANKING_SNAPSHOT, rankingSnapshotSchema } from '../rankings/ranking-snapshot.schema';
import { SCHEME_VERSION, schemeVersionSchema } from '../schemes/scheme.schema';
import { SCORE_ANNOUNCEMENT, scoreAnnouncementSchema } from '../standings/score-announcement.schema';
import { STANDING, standingSchema } from '../standings/standing.schema';

const models = MongooseModule.forFeature([
  { name: SCHEME_VERSION, schema: schemeVersionSchema },
  { name: SCORE_FACT, schema: scoreFactSchema },
  { name: LEDGER_LINE, schema: ledgerLineSchema },
  { name: STANDING, schema: standingSchema },
  { name: SCORE_ANNOUNCEMENT, schema: scoreAnnouncementSchema },
  { name: RANKING_SNAPSHOT, schema: rankingSnapshotSchema },
  { name: APPRAISAL, schema: appraisalSchema },
  { name: APPRAISAL_ROUND, schema: appraisalRoundSchema },
  { name: HONOUR_QUOTA, schema: honourQuotaSchema },
  { name: EXCELLENT_LIMIT, schema: excellentLimitSchema },
  { name: EXCELLENT_PLACE, schema: excellentPlaceSchema },
  { name: AUDIT_ENTRY, schema: auditEntrySchema },
]);

/**
 * Every collection of the service, registered once (as org-registry's OrgDataModule): features read another's
 * collection through its service, while standings, which the ledger writes through, rebuild from its lines.
 */
@Global()
@Module({ imports: [models], exports: [models] })
export class StoreModule {}
