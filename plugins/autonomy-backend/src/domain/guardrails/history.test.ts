import { emptyStateCounts } from '@aligned-autonomy/plugin-autonomy-common';
import type { ScoredEntity } from './evaluateCatalog';
import { historyPoints } from './history';

const DAY = '2026-11-21';

function scored(
  entityRef: string,
  level: string | null,
  score: number | null,
  ownerRef?: string,
): ScoredEntity {
  return {
    entityRef,
    kind: 'component',
    title: entityRef,
    ownerRef,
    level,
    levelIndex: level ? ['bronze', 'silver', 'gold'].indexOf(level) : -1,
    score,
    counts: emptyStateCounts(),
    failingGuardrailIds: [],
    blockingNext: [],
    results: [],
  };
}

const entities = [
  scored('component:default/a', 'gold', 100, 'group:default/checkout'),
  scored('component:default/b', 'bronze', 50, 'group:default/checkout'),
  scored('component:default/c', null, 0, 'group:default/payments'),
  scored('component:default/d', null, null, 'group:default/payments'),
  scored('component:default/e', 'bronze', 25),
];

describe('historyPoints', () => {
  const rows = historyPoints(entities, DAY);
  const row = (scopeType: string, scopeRef: string) =>
    rows.find(r => r.scopeType === scopeType && r.scopeRef === scopeRef);

  it('has one point per entity, per owning team and one for the organisation', () => {
    expect(rows.map(r => `${r.scopeType} ${r.scopeRef}`)).toEqual([
      'entity component:default/a',
      'entity component:default/b',
      'entity component:default/c',
      'entity component:default/d',
      'entity component:default/e',
      'team group:default/checkout',
      'team group:default/payments',
      'org org',
    ]);
    expect(rows.every(r => r.day === DAY)).toBe(true);
  });

  it('gives an entity its own score and level', () => {
    expect(row('entity', 'component:default/a')).toEqual({
      scopeType: 'entity',
      scopeRef: 'component:default/a',
      day: DAY,
      score: 100,
      entityCount: 1,
      levelCounts: { gold: 1 },
    });
    expect(row('entity', 'component:default/d')).toMatchObject({
      score: null,
      entityCount: 1,
      levelCounts: { none: 1 },
    });
  });

  it('averages the scores of a team, ignoring null scores', () => {
    expect(row('team', 'group:default/checkout')).toMatchObject({
      score: 75,
      entityCount: 2,
      levelCounts: { gold: 1, bronze: 1 },
    });
    // c scores 0 and d has no score: the average is 0, not null, over both entities.
    expect(row('team', 'group:default/payments')).toMatchObject({
      score: 0,
      entityCount: 2,
      levelCounts: { none: 2 },
    });
  });

  it('averages the organisation over every entity, owned or not', () => {
    expect(row('org', 'org')).toEqual({
      scopeType: 'org',
      scopeRef: 'org',
      day: DAY,
      score: 43.8, // (100 + 50 + 0 + 25) / 4, rounded to one decimal
      entityCount: 5,
      levelCounts: { gold: 1, bronze: 2, none: 2 },
    });
  });

  it('has a null score when no entity is scored', () => {
    const only = historyPoints(
      [scored('component:default/x', null, null, 'group:default/t')],
      DAY,
    );
    expect(only.map(r => r.score)).toEqual([null, null, null]);
    expect(historyPoints([], DAY)).toEqual([
      {
        scopeType: 'org',
        scopeRef: 'org',
        day: DAY,
        score: null,
        entityCount: 0,
        levelCounts: {},
      },
    ]);
  });
});
