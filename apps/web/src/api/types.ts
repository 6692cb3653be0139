/** What the services answer, as far as the console reads it. */
export type Role = 'district-admin' | 'unit-admin' | 'member' | 'operator' | 'hr-sync';
export type CampaignStage = 'planning' | 'operation' | 'appraisal' | 'closed';
export type AttendanceStatus = 'present' | 'absent' | 'excused';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface StageWindow {
  startsOn: string;
  endsOn: string;
}

export interface Campaign {
  _id: string;
  name: string;
  mobilisedOn: string;
  stage: CampaignStage;
  stages: { planning: StageWindow; operation: StageWindow; appraisal: StageWindow };
  planDueAt: string;
  themes: { themeId: string; title: string }[];
  carriers: { carrierId: string; name: string }[];
}

export interface Unit {
  unitId: string;
  name: string;
  kind: string;
  parentId: string | null;
  path: string[];
  code?: string;
  systemIds?: string[];
  status: 'active' | 'closed';
}

export interface Member {
  memberId: string;
  externalId?: string;
  name: string;
  unitId: string;
  posts: string[];
  isLeader: boolean;
  isKeyPost: boolean;
  status: string;
}

export interface System {
  systemId: string;
  name: string;
  unitIds: string[];
}

export interface RankingEntry {
  subjectId: string;
  rank: number;
  points: number;
}

export interface RankingPage {
  campaignId: string;
  scope: string;
  scopeId: string | null;
  period: string;
  asOf: string | null;
  total: number;
  page: number;
  pageSize: number;
  entries: RankingEntry[];
}

export interface Movers {
  from: string;
  to: string;
  climbed: Mover[];
  fell: Mover[];
}

export interface Mover {
  subjectId: string;
  fromRank: number;
  toRank: number;
  fromPoints: number;
  toPoints: number;
  /** Ranks climbed (negative: fell). */
  change: number;
}

export interface Obligation {
  _id: string;
  kind: string;
  memberId: string | null;
  unitId: string;
  periodKey: string;
  dueAt: string;
  description: string;
  status: 'open' | 'at-risk' | 'met' | 'missed';
}

export interface Activity {
  _id: string;
  campaignId: string;
  kind: string;
  title: string;
  organiserUnitId: string;
  startsAt: string;
  place?: string;
  status: 'scheduled' | 'held' | 'cancelled';
}

export interface Attendance {
  memberId: string;
  status: AttendanceStatus;
}

export interface ExplainedLine {
  lineId: string;
  ruleId: string;
  points: number;
  explanation: string;
  occurredAt: string;
}

export interface Explanation {
  subjectId: string;
  total: number;
  standing: number;
  indicators: { indicatorId: string; total: number; lines: ExplainedLine[] }[];
}

export interface CheckInImportReport {
  recorded: number;
  rows: number;
  unmatched: { line: number; reason?: string; [key: string]: unknown }[];
  outsideWindow: { line: number; reason?: string; [key: string]: unknown }[];
  duplicates: { line: number; reason?: string; [key: string]: unknown }[];
}
