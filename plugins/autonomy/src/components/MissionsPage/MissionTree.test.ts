import type { MissionSummary } from '@aligned-autonomy/plugin-autonomy-common';
import { buildMissionForest, type TreeNode } from './MissionTree';
import { missionSummary } from '../../testUtils/missionFixtures';

const mission = missionSummary;

const child = (
  name: string,
  parent: string,
  overrides: Partial<MissionSummary> = {},
) => mission(name, { parentRef: `mission:default/${parent}`, ...overrides });

/** The forest as nested titles, which is easy to compare. */
type Shape = { [title: string]: Shape };
const shape = (forest: TreeNode[]): Shape =>
  Object.fromEntries(forest.map(n => [n.mission.title, shape(n.children)]));

const titlesInOrder = (forest: TreeNode[]): string[][] =>
  forest.map(n => [n.mission.title, ...n.children.map(c => c.mission.title)]);

const allTitles = (forest: TreeNode[]): string[] =>
  forest.flatMap(n => [n.mission.title, ...allTitles(n.children)]);

const ENG = 'group:default/engineering';
const SALES = 'group:default/sales';

// north-star
// ├── eng-platform (engineering)
// │   ├── eng-checkout (engineering)
// │   └── eng-search (engineering)
// └── sales-growth (sales)
//     └── sales-emea (sales)
const organisation = [
  mission('north-star'),
  child('eng-platform', 'north-star', { departmentRef: ENG }),
  child('eng-search', 'eng-platform', { departmentRef: ENG }),
  child('eng-checkout', 'eng-platform', { departmentRef: ENG }),
  child('sales-growth', 'north-star', { departmentRef: SALES }),
  child('sales-emea', 'sales-growth', { departmentRef: SALES }),
];

describe('buildMissionForest', () => {
  it('nests missions under their parent', () => {
    expect(shape(buildMissionForest(organisation))).toEqual({
      'north-star': {
        'eng-platform': { 'eng-checkout': {}, 'eng-search': {} },
        'sales-growth': { 'sales-emea': {} },
      },
    });
  });

  it('nests a child listed before its parent', () => {
    const forest = buildMissionForest([
      child('team', 'north-star'),
      mission('north-star'),
    ]);
    expect(shape(forest)).toEqual({ 'north-star': { team: {} } });
  });

  it('sorts children by title', () => {
    const forest = buildMissionForest([
      mission('root'),
      child('zeta', 'root'),
      child('alpha', 'root'),
      child('mu', 'root'),
    ]);
    expect(titlesInOrder(forest)).toEqual([['root', 'alpha', 'mu', 'zeta']]);
  });

  it('keeps a mission whose parent is not in the list as a root, with its children', () => {
    const forest = buildMissionForest([
      mission('north-star'),
      child('orphan', 'does-not-exist'),
      child('orphan-team', 'orphan'),
    ]);
    expect(shape(forest)).toEqual({
      'north-star': {},
      orphan: { 'orphan-team': {} },
    });
  });

  it('keeps a mission that is its own parent as a root', () => {
    const forest = buildMissionForest([
      mission('north-star'),
      child('selfish', 'selfish'),
    ]);
    expect(shape(forest)).toEqual({ 'north-star': {}, selfish: {} });
  });

  it('returns (no infinite loop) when parents form a cycle', () => {
    const missions = [
      mission('north-star'),
      child('a', 'b'),
      child('b', 'c'),
      child('c', 'a'),
    ];
    expect(() => buildMissionForest(missions)).not.toThrow();
    expect(() => buildMissionForest(missions, ENG)).not.toThrow();
    expect(buildMissionForest(missions).map(n => n.mission.title)).toContain(
      'north-star',
    );
  });

  it('still shows every mission of a parent cycle (each exactly once)', () => {
    // The tree is where leadership should spot the broken chain, so the missions in the
    // cycle must not silently disappear from it.
    const missions = [
      mission('north-star'),
      child('a', 'b'),
      child('b', 'a'),
      child('a-team', 'a'),
    ];
    const titles = allTitles(buildMissionForest(missions));
    expect([...titles].sort()).toEqual(['a', 'a-team', 'b', 'north-star']);
  });

  it('returns an empty forest for no missions', () => {
    expect(buildMissionForest([])).toEqual([]);
  });

  describe('with a department filter', () => {
    it('keeps the matching missions and their ancestors, and drops other branches', () => {
      expect(shape(buildMissionForest(organisation, ENG))).toEqual({
        'north-star': {
          'eng-platform': { 'eng-checkout': {}, 'eng-search': {} },
        },
      });
      expect(shape(buildMissionForest(organisation, SALES))).toEqual({
        'north-star': { 'sales-growth': { 'sales-emea': {} } },
      });
    });

    it('keeps an ancestor from another department on the path to a match', () => {
      const forest = buildMissionForest(
        [
          ...organisation,
          child('eng-in-sales', 'sales-emea', { departmentRef: ENG }),
        ],
        ENG,
      );
      expect(shape(forest)).toEqual({
        'north-star': {
          'eng-platform': { 'eng-checkout': {}, 'eng-search': {} },
          'sales-growth': { 'sales-emea': { 'eng-in-sales': {} } },
        },
      });
    });

    it('drops non-matching children of a matching mission', () => {
      const forest = buildMissionForest(
        [
          ...organisation,
          child('sales-under-eng', 'eng-search', { departmentRef: SALES }),
        ],
        ENG,
      );
      expect(shape(forest)).toEqual({
        'north-star': {
          'eng-platform': { 'eng-checkout': {}, 'eng-search': {} },
        },
      });
    });

    it('drops whole roots without a matching mission', () => {
      const forest = buildMissionForest(
        [...organisation, mission('other-root', { departmentRef: SALES })],
        ENG,
      );
      expect(forest.map(n => n.mission.title)).toEqual(['north-star']);
    });

    it('is empty when nothing matches', () => {
      expect(buildMissionForest(organisation, 'group:default/nobody')).toEqual(
        [],
      );
    });

    it('does not change the unfiltered input', () => {
      const before = JSON.stringify(organisation);
      buildMissionForest(organisation, ENG);
      expect(JSON.stringify(organisation)).toBe(before);
      expect(shape(buildMissionForest(organisation))).toHaveProperty([
        'north-star',
        'sales-growth',
      ]);
    });
  });
});
