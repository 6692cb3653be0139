import { UnitKind } from '@campaign/contracts';
import { DEFAULT_POST_DICTIONARY } from '../post-dictionary/post-dictionary.defaults';

/** The district of the source document (区委创先争优活动交流材料): its units, systems and people, deterministic. */
export interface SeedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
}

export interface SeedMember {
  externalId: string;
  name: string;
  unit: string;
  posts: string[];
  isLeader: boolean;
  isKeyPost: boolean;
  joinedAt: string;
  email: string;
}

export interface SeedSystem {
  code: string;
  name: string;
  lead: string;
  units: string[];
}

export interface SeedGroup {
  code: string;
  unit: string;
  name: string;
  kind: 'leading-group' | 'working-body';
  /** Seats by the member's external id. */
  seats: { member: string; role: 'leader' | 'deputy' | 'member' }[];
}

const ROOT = 'QW';

const TOWNSHIPS: [string, string, UnitKind][] = [
  ['XZ-YK', '盈口乡', 'township'],
  ['XZ-HJA', '黄金坳镇', 'town'],
  ['XZ-YC', '杨村乡', 'township'],
  ['XZ-HJT', '贺家田乡', 'township'],
  ['XZ-LP', '芦坪乡', 'township'],
];
const SUB_DISTRICTS: [string, string][] = [
  ['JD-CB', '城北街道'],
  ['JD-CZ', '城中街道'],
  ['JD-YF', '迎丰街道'],
  ['JD-HX', '红星街道'],
];
const ORGANS: [string, string][] = [
  ['JG-QWB', '区委办'],
  ['JG-ZFB', '区政府办'],
  ['JG-JSJ', '区建设局'],
  ['JG-JYJ', '区教育局'],
  ['JG-XMSC', '区畜牧水产局'],
  ['JG-SYSW', '区商业事务管理处'],
  ['JG-KJJ', '区科技局'],
  ['JG-SCB', '区蔬菜办'],
  ['JG-WSJ', '区卫生局'],
  ['JG-ZX', '区政协'],
  ['JG-XCB', '区委宣传部'],
  ['JG-SWJ', '区商务局'],
  ['JG-RD', '区人大机关'],
  ['JG-GX', '区供销理事会'],
  ['JG-SFJ', '区司法局'],
  ['JG-KX', '区科协'],
  ['JG-JGGW', '区直机关工委'],
];
const HOSPITALS: [string, string][] = [
  ['YY-RM', '区人民医院'],
  ['YY-ZY', '区中医院'],
  ['YY-FY', '区妇幼保健院'],
  ['YY-YK', '盈口乡卫生院'],
  ['YY-HJA', '黄金坳镇卫生院'],
];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** 31 public and private (公、民办) schools of the education system. */
function schools(): SeedUnit[] {
  const list: SeedUnit[] = [];
  for (let i = 0; i < 6; i++) list.push({ code: `XX-ZX${i + 1}`, name: `区第${NUMERALS[i]}中学`, kind: 'school', parent: 'JG-JYJ' });
  for (let i = 0; i < 12; i++) list.push({ code: `XX-SX${i + 1}`, name: `区第${NUMERALS[i]}小学`, kind: 'school', parent: 'JG-JYJ' });
  for (const [code, name] of TOWNSHIPS) {
    list.push({ code: `XX-${code}-ZX`, name: `${name}中学`, kind: 'school', parent: 'JG-JYJ' });
    list.push({ code: `XX-${code}-XX`, name: `${name}中心小学`, kind: 'school', parent: 'JG-JYJ' });
  }
  ['育才', '博文', '明德'].forEach((name, i) => list.push({ code: `XX-MB${i + 1}`, name: `${name}实验学校（民办）`, kind: 'school', parent: 'JG-JYJ' }));
  return list;
}

export function demoUnits(): SeedUnit[] {
  const units: SeedUnit[] = [{ code: ROOT, name: '区委', kind: 'district-committee', parent: null }];
  for (const [code, name, kind] of TOWNSHIPS) {
    units.push({ code, name, kind, parent: ROOT });
    units.push({ code: `${code}-JGDZB`, name: `${name}机关党支部`, kind: 'party-branch', parent: code });
    units.push({ code: `${code}-C1`, name: `${name}第一村党支部`, kind: 'party-branch', parent: code });
  }
  for (const [code, name] of SUB_DISTRICTS) {
    units.push({ code, name, kind: 'sub-district', parent: ROOT });
    units.push({ code: `${code}-SQ`, name: `${name}社区党支部`, kind: 'party-branch', parent: code });
  }
  for (const [code, name] of ORGANS) units.push({ code, name, kind: 'district-organ', parent: ROOT });
  units.push({ code: 'QY-CT', name: '区城建投资公司', kind: 'enterprise', parent: 'JG-JSJ' });
  units.push({ code: 'QY-SZ', name: '区市政工程公司', kind: 'enterprise', parent: 'JG-JSJ' });
  units.push(...schools());
  for (const [code, name] of HOSPITALS) units.push({ code, name, kind: 'hospital', parent: 'JG-WSJ' });
  return units;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文', '华', '红', '志强', '国庆', '海燕', '春梅'];

function personName(index: number): string {
  return `${SURNAMES[(index * 7) % SURNAMES.length]}${GIVEN[(index * 11) % GIVEN.length]}`;
}

/** A few hundred members: each unit's secretary and head (leaders), key posts and ordinary members; 42 at the education bureau. */
export function demoMembers(): SeedMember[] {
  const members: SeedMember[] = [];
  const add = (unit: string, posts: string[], isLeader: boolean, isKeyPost: boolean) => {
    const index = members.length + 1;
    const externalId = `DEMO-${String(index).padStart(4, '0')}`;
    members.push({
      externalId,
      name: personName(index),
      unit,
      posts,
      isLeader,
      isKeyPost,
      joinedAt: `${1990 + (index % 30)}-${String((index % 12) + 1).padStart(2, '0')}-01`,
      email: `${externalId.toLowerCase()}@demo.campaign.local`,
    });
  };
  add(ROOT, ['书记'], true, true);
  add(ROOT, ['副书记'], true, true);
  add(ROOT, ['组织部长'], true, true);
  for (const [code, , kind] of TOWNSHIPS) {
    add(code, ['党委书记'], true, true);
    add(code, [kind === 'town' ? '镇长' : '乡长'], true, true);
    add(code, ['组织委员'], false, true);
    for (let i = 0; i < 4; i++) add(`${code}-JGDZB`, i === 0 ? ['支部书记'] : ['党员'], i === 0, false);
    for (let i = 0; i < 5; i++) add(`${code}-C1`, i === 0 ? ['村支部书记'] : ['党员'], i === 0, false);
  }
  for (const [code] of SUB_DISTRICTS) {
    add(code, ['党工委书记'], true, true);
    add(code, ['办事处主任'], true, true);
    for (let i = 0; i < 6; i++) add(`${code}-SQ`, i === 0 ? ['社区书记'] : ['党员'], i === 0, false);
  }
  for (const [code] of ORGANS) {
    if (code === 'JG-JYJ') continue;
    add(code, ['主要负责人'], true, true);
    add(code, ['党组书记'], true, true);
    add(code, ['办公室主任'], false, true);
    for (let i = 0; i < 3; i++) add(code, ['党员'], false, false);
  }
  add('JG-JYJ', ['局长', '党委书记'], true, true);
  add('JG-JYJ', ['副局长'], true, true);
  for (let i = 0; i < 40; i++) add('JG-JYJ', i < 6 ? ['股长'] : ['党员'], false, i < 6);
  for (const school of schools()) {
    add(school.code, ['书记'], true, true);
    add(school.code, ['教师'], false, false);
  }
  for (const [code] of HOSPITALS) {
    add(code, ['院长'], true, true);
    add(code, ['书记'], true, true);
    for (let i = 0; i < 3; i++) add(code, ['医师'], false, i === 0);
  }
  for (const code of ['QY-CT', 'QY-SZ']) {
    add(code, ['总经理'], true, true);
    for (let i = 0; i < 3; i++) add(code, ['党员'], false, false);
  }
  return members;
}

export function demoSystems(): SeedSystem[] {
  return [
    { code: 'education', name: '教育系统', lead: 'JG-JYJ', units: ['JG-JYJ', ...schools().map((s) => s.code)] },
    { code: 'health', name: '卫生系统', lead: 'JG-WSJ', units: ['JG-WSJ', ...HOSPITALS.map(([code]) => code)] },
    { code: 'propaganda', name: '宣传系统', lead: 'JG-XCB', units: ['JG-XCB', 'JG-KX'] },
    { code: 'commerce', name: '商务系统', lead: 'JG-SWJ', units: ['JG-SWJ', 'JG-SYSW', 'JG-GX'] },
  ];
}

/** Leading groups: one per township and sub-district, the education system's, and the district organs' with the heads of the system lead units as deputies. */
export function demoGroups(members: SeedMember[]): SeedGroup[] {
  const firstOf = (unit: string, offset = 0) => members.filter((m) => m.unit === unit)[offset]?.externalId as string;
  const groups: SeedGroup[] = [];
  for (const [code] of [...TOWNSHIPS, ...SUB_DISTRICTS]) {
    groups.push({
      code: `${code}-LG`,
      unit: code,
      name: '创先争优活动领导小组',
      kind: 'leading-group',
      seats: [
        { member: firstOf(code), role: 'leader' },
        { member: firstOf(code, 1), role: 'deputy' },
        ...(members.filter((m) => m.unit === code)[2] ? [{ member: firstOf(code, 2), role: 'member' as const }] : []),
      ],
    });
    groups.push({ code: `${code}-WB`, unit: code, name: '创先争优活动办公室', kind: 'working-body', seats: [{ member: firstOf(code, 1), role: 'leader' }] });
  }
  groups.push({
    code: 'JG-JYJ-LG',
    unit: 'JG-JYJ',
    name: '教育系统创先争优活动领导小组',
    kind: 'leading-group',
    seats: [
      { member: firstOf('JG-JYJ'), role: 'leader' },
      { member: firstOf('JG-JYJ', 1), role: 'deputy' },
      { member: firstOf('JG-JYJ', 2), role: 'member' },
      { member: firstOf('JG-JYJ', 3), role: 'member' },
    ],
  });
  groups.push({
    code: 'JG-JGGW-LG',
    unit: 'JG-JGGW',
    name: '区直机关创先争优活动领导小组',
    kind: 'leading-group',
    seats: [
      { member: firstOf('JG-JGGW'), role: 'leader' },
      ...demoSystems().map((system) => ({ member: firstOf(system.lead), role: 'deputy' as const })),
      { member: firstOf('JG-JGGW', 2), role: 'member' },
    ],
  });
  return groups;
}

/** Posts of the people who run the campaign's paperwork in a unit: its organiser or office head, else its secretary. */
const ADMINISTERING_POSTS = ['组织委员', '组织部长', '办公室主任'];

/** One unit admin per unit that has someone to administer it, by unit code and the member's external id. */
export function demoUnitAdmins(members: SeedMember[]): { unit: string; member: string }[] {
  const admins = new Map<string, string>();
  const isSecretary = (member: SeedMember) => member.posts.some((post) => DEFAULT_POST_DICTIONARY[post] === 'secretary');
  for (const member of members) if (!admins.has(member.unit) && member.posts.some((post) => ADMINISTERING_POSTS.includes(post))) admins.set(member.unit, member.externalId);
  for (const member of members) if (!admins.has(member.unit) && isSecretary(member)) admins.set(member.unit, member.externalId);
  return [...admins].map(([unit, member]) => ({ unit, member }));
}
