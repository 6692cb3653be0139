import { PlatformClient } from '../../tools/platform/client';
import { Campaign, launchDemoCampaign } from '../../tools/platform/scenario';

export interface UnitWithMembers {
  unitId: string;
  name: string;
  memberIds: string[];
}

export interface District {
  district: string;
  rootUnitId: string;
  /** Sub-districts that hold meetings with their members' attendance. */
  meetingUnits: UnitWithMembers[];
  /** A district organ that announces its upcoming activities to its members. */
  noticeUnit: UnitWithMembers;
  emailOf: Map<string, string>;
  campaign: Campaign;
}

const MEETING_UNITS = [
  { name: '城北街道', code: 'JD-CB' },
  { name: '城中街道', code: 'JD-CZ' },
  { name: '迎丰街道', code: 'JD-YF' },
  { name: '红星街道', code: 'JD-HX' },
];
const NOTICE_UNIT = { name: '区科技局', code: 'QZ-KJJ' };
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙'];

/**
 * The source document's district in miniature, through org-registry's public API (units, an HR file import) and a
 * campaign launched in activity-records with the demo scheme accepted by assessment-scoring.
 */
export async function setUpDistrict(admin: PlatformClient, district: string, membersPerUnit: number, noticeUnitMembers: number): Promise<District> {
  const unit = (body: Record<string, string>) => admin.post<{ unitId: string }>('org-registry', '/units', body).then((created) => created.unitId);
  const rootUnitId = await unit({ name: '区委', kind: 'district-committee', code: 'QW' });
  const units = [
    ...(await Promise.all(MEETING_UNITS.map(async (u) => ({ ...u, unitId: await unit({ name: u.name, kind: 'sub-district', parentId: rootUnitId, code: u.code }), size: membersPerUnit })))),
    { ...NOTICE_UNIT, unitId: await unit({ name: NOTICE_UNIT.name, kind: 'district-organ', parentId: rootUnitId, code: NOTICE_UNIT.code }), size: noticeUnitMembers },
  ];
  await admin.put('org-registry', '/import/mappings/hr', {
    format: 'csv',
    columns: { externalId: '工号', name: '姓名', unit: '单位编码', email: '邮箱' },
    unitReference: 'code',
  });
  const rows = units.flatMap((u) =>
    Array.from({ length: u.size }, (_, index) => {
      const externalId = `${u.code}-${String(index + 1).padStart(3, '0')}`;
      return `${externalId},${SURNAMES[index % SURNAMES.length]}${u.name.slice(0, 2)}${index + 1},${u.code},${externalId.toLowerCase()}@${district}.test`;
    }),
  );
  const report = await admin.call<{ created: { count: number } }>('org-registry', 'POST', '/import/members?mapping=hr&dryRun=false', ['工号,姓名,单位编码,邮箱', ...rows].join('\n'), 'text/csv');
  if (report.created.count !== rows.length) throw new Error(`HR import created ${report.created.count} of ${rows.length} members`);

  const withMembers = await Promise.all(
    units.map(async (u): Promise<UnitWithMembers & { emails: [string, string][] }> => {
      const page = await admin.get<{ items: { memberId: string; contacts?: { email?: string } }[] }>('org-registry', `/members?subtreeOf=${u.unitId}&limit=500`);
      return { unitId: u.unitId, name: u.name, memberIds: page.items.map((m) => m.memberId), emails: page.items.map((m) => [m.memberId, m.contacts?.email ?? '']) };
    }),
  );
  const campaign = await launchDemoCampaign(admin);
  const emailOf = new Map(withMembers.flatMap((u) => u.emails));
  const strip = ({ emails: _emails, ...u }: UnitWithMembers & { emails: unknown }) => u;
  return {
    district,
    rootUnitId,
    meetingUnits: withMembers.slice(0, MEETING_UNITS.length).map(strip),
    noticeUnit: strip(withMembers[MEETING_UNITS.length]),
    emailOf,
    campaign,
  };
}
