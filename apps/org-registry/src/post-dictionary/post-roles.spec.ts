import { DEFAULT_POST_DICTIONARY } from './post-dictionary.defaults';
import { postRoleLookup, rolesOfPosts, titlesWithChangedRole } from './post-roles';

const defaults = postRoleLookup(Object.entries(DEFAULT_POST_DICTIONARY).map(([title, role]) => ({ title, role })));

describe('the post dictionary', () => {
  it.each(['书记', '党委书记', '党组书记', '支部书记', '总支书记', '党工委书记', '村支部书记', '社区书记'])('makes a %s the secretary of their unit', (title) => {
    expect(rolesOfPosts([title], 'u1', defaults)).toEqual([{ role: 'secretary', unitId: 'u1', ref: title }]);
  });

  it('knows deputy secretaries and organisers, and gives an ordinary 党员 no role', () => {
    expect(rolesOfPosts(['副书记'], 'u1', defaults)).toEqual([{ role: 'deputy-secretary', unitId: 'u1', ref: '副书记' }]);
    expect(rolesOfPosts(['组织委员'], 'u1', defaults)).toEqual([{ role: 'organiser', unitId: 'u1', ref: '组织委员' }]);
    expect(rolesOfPosts(['党员'], 'u1', defaults)).toEqual([]);
  });

  it('matches titles exactly: the English word secretary or an unknown title gives nothing', () => {
    expect(rolesOfPosts(['secretary', '宣传委员'], 'u1', defaults)).toEqual([]);
    expect(rolesOfPosts([' 支部书记 '], 'u1', defaults)).toEqual([{ role: 'secretary', unitId: 'u1', ref: '支部书记' }]);
  });

  it('gives each role once when several posts give it', () => {
    expect(rolesOfPosts(['局长', '党委书记', '书记'], 'u1', defaults)).toEqual([
      { role: 'unit-head', unitId: 'u1', ref: '局长' },
      { role: 'secretary', unitId: 'u1', ref: '党委书记' },
    ]);
  });

  it('names the titles whose role an edit changed', () => {
    const before = [
      { title: '书记', role: 'secretary' as const },
      { title: '宣传委员', role: null },
      { title: '党员', role: null },
    ];
    const after = [
      { title: '书记', role: 'secretary' as const },
      { title: '宣传委员', role: 'organiser' as const },
      { title: '组织委员', role: 'organiser' as const },
    ];
    expect(titlesWithChangedRole(before, after)).toEqual(['宣传委员', '组织委员']);
  });
});
