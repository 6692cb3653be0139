import { PostRole } from './post-roles';

/**
 * What a district's post dictionary starts with: the titles of the source document's units and the roles they give.
 * `null` marks a known title that gives no role (an ordinary 党员 is not an office holder). District admins edit it.
 */
export const DEFAULT_POST_DICTIONARY: Record<string, PostRole | null> = {
  书记: 'secretary',
  党委书记: 'secretary',
  党组书记: 'secretary',
  党工委书记: 'secretary',
  总支书记: 'secretary',
  党总支书记: 'secretary',
  支部书记: 'secretary',
  党支部书记: 'secretary',
  村支部书记: 'secretary',
  社区书记: 'secretary',
  副书记: 'deputy-secretary',
  党委副书记: 'deputy-secretary',
  党组副书记: 'deputy-secretary',
  支部副书记: 'deputy-secretary',
  组织委员: 'organiser',
  组织部长: 'organiser',
  主要负责人: 'unit-head',
  局长: 'unit-head',
  乡长: 'unit-head',
  镇长: 'unit-head',
  办事处主任: 'unit-head',
  院长: 'unit-head',
  校长: 'unit-head',
  总经理: 'unit-head',
  党员: null,
  副局长: null,
  办公室主任: null,
  股长: null,
  教师: null,
  医师: null,
};
