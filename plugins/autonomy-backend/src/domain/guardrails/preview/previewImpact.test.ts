import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';
import { guardrailDef } from '../../../testUtils/guardrailFixtures';
import { compileGuardrails } from '../compileGuardrails';
import { pushedFacts } from '../facts';
import { previewImpact, type PreviewEntity } from './previewImpact';
import type { PreviewInput } from './previewInputs';

const levels = ['bronze', 'silver'];
const NOW = Date.parse('2026-11-26T12:00:00Z');
const sources = [
  { id: 'ci', maxAgeDays: 30, fields: { coverage: 'number' as const } },
];
const compile = (definitions: GuardrailDefinition[]) =>
  compileGuardrails({ levels, sources, definitions });

const hasOwner = guardrailDef('has-owner', {
  fact: 'owner.exists',
  equals: true,
});
const current = compile([hasOwner]);

function component(
  name: string,
  team: string | undefined,
  extra: Partial<PreviewInput> = {},
): PreviewInput {
  return {
    ref: `component:default/${name}`,
    kind: 'component',
    title: name,
    ownerRef: team && `group:default/${team}`,
    linkCount: 0,
    owner: team ? { kind: 'group', type: 'team' } : undefined,
    ...extra,
  };
}

/** An entity whose stored results are `notPassing` (others passed) at stored level `level`. */
function stored(
  input: PreviewInput,
  level: number,
  notPassing: Record<string, string> = {},
  coverage?: number,
): PreviewEntity {
  return {
    input,
    levelIndex: level,
    notPassing: new Map(Object.entries(notPassing)) as any,
    pushed:
      coverage === undefined
        ? undefined
        : new Map([
            ['ci', pushedFacts({ coverage }, '2026-11-25T00:00:00.000Z')],
          ]),
  };
}

const coverage = (extra: Partial<GuardrailDefinition> = {}) =>
  compile([
    guardrailDef(
      'coverage',
      { fact: 'ci.coverage', greaterThanOrEqual: 80 },
      { level: 'silver', appliesTo: { kind: ['component'] }, ...extra },
    ),
  ]);

describe('previewImpact', () => {
  const entities = [
    stored(component('a', 'red'), 0, {}, 90),
    stored(component('b', 'red'), 0, {}, 50),
    stored(component('c', 'blue'), 0, {}),
    stored(component('d', undefined), -1, { 'has-owner': 'fail' }, 95),
    // A group: the guardrail is for components only.
    stored({ ...component('team', undefined), kind: 'group' }, 0, {}),
  ];

  it('counts the entities a new guardrail applies to and their states, per team and level', () => {
    const impact = previewImpact({
      current,
      candidate: coverage(),
      entities,
      now: NOW,
    });
    expect(impact.entityCount).toBe(5);
    expect(impact.counts).toEqual({
      applicable: 4,
      pass: 2,
      fail: 1,
      warning: 0,
      exempt: 0,
      unknown: 1,
      error: 0,
    });
    expect(
      Object.fromEntries(
        impact.byTeam.map(g => [
          g.key,
          [g.counts.pass, g.counts.fail, g.counts.unknown],
        ]),
      ),
    ).toEqual({
      'group:default/red': [1, 1, 0],
      'group:default/blue': [0, 0, 1],
      '': [1, 0, 0],
    });
    expect(impact.byLevel.map(g => [g.key, g.counts.applicable])).toEqual([
      ['none', 1],
      ['bronze', 3],
    ]);
  });

  it('explains failing examples, failures before unknowns', () => {
    const impact = previewImpact({
      current,
      candidate: coverage(),
      entities,
      now: NOW,
    });
    expect(impact.failing.map(f => [f.entityRef, f.result.state])).toEqual([
      ['component:default/b', 'fail'],
      ['component:default/c', 'unknown'],
    ]);
    expect(impact.failing[0].result.message).toMatch(/coverage/);
    expect(impact.failing[0].result.facts).toEqual([
      expect.objectContaining({ id: 'ci.coverage', value: 50 }),
    ]);
  });

  it('moves the level of entities whose result changes the level they reach', () => {
    const impact = previewImpact({
      current,
      candidate: coverage(),
      entities,
      now: NOW,
    });
    // a passes at silver and rises; d has no owner, so a silver pass does not lift it.
    expect(impact.levelMoves).toEqual([
      {
        teamRef: 'group:default/red',
        up: 1,
        down: 0,
        entities: [
          {
            entityRef: 'component:default/a',
            title: 'a',
            from: 'bronze',
            to: 'silver',
          },
        ],
      },
    ]);
  });

  it('moves levels down when a changed guardrail is stricter, and counts exemptions', () => {
    const was = compile([
      hasOwner,
      guardrailDef(
        'coverage',
        { fact: 'ci.coverage', greaterThanOrEqual: 40 },
        { level: 'silver', appliesTo: { kind: ['component'] } },
      ),
    ]);
    const before = [
      stored(component('a', 'red'), 1, {}, 90),
      stored(component('b', 'red'), 1, {}, 50),
      {
        ...stored(component('e', 'red'), 1, {}, 45),
        exemption: { id: 'x1', expiresAt: '2027-01-01T00:00:00.000Z' },
      },
    ];
    const impact = previewImpact({
      current: was,
      candidate: coverage(),
      entities: before,
      now: NOW,
    });
    expect([
      impact.counts.pass,
      impact.counts.fail,
      impact.counts.exempt,
    ]).toEqual([1, 1, 1]);
    expect(impact.levelMoves).toEqual([
      {
        teamRef: 'group:default/red',
        up: 0,
        down: 1,
        entities: [
          {
            entityRef: 'component:default/b',
            title: 'b',
            from: 'silver',
            to: 'bronze',
          },
        ],
      },
    ]);
  });

  it('never blocks a level with a warning-only or not yet enforced guardrail', () => {
    const impact = previewImpact({
      current,
      candidate: coverage({ mode: 'grace', enforcedFrom: '2027-01-01' }),
      entities: [stored(component('b', 'red'), 0, {}, 50)],
      now: NOW,
    });
    expect(impact.counts.warning).toBe(1);
    expect(impact.failing[0].result.message).toMatch(
      /enforced from 2027-01-01/,
    );
    expect(impact.levelMoves).toEqual([]);
  });

  it('evaluates an entity no guardrail applied to before', () => {
    const impact = previewImpact({
      current,
      candidate: compile([
        guardrailDef(
          'api-owner',
          { fact: 'owner.exists', equals: true },
          { appliesTo: { kind: ['api'] } },
        ),
      ]),
      entities: [
        { input: { ...component('orders', 'red'), kind: 'api' } },
        { input: { ...component('legacy', undefined), kind: 'api' } },
      ],
      now: NOW,
    });
    expect(impact.counts).toMatchObject({ applicable: 2, pass: 1, fail: 1 });
    expect(impact.levelMoves.map(m => m.entities)).toEqual([
      [
        {
          entityRef: 'component:default/orders',
          title: 'orders',
          to: 'bronze',
        },
      ],
    ]);
  });

  it("keeps a team standard to its owner's entities, and leaves opted-out guardrails out of levels", () => {
    const standard = compile([
      guardrailDef(
        'red-coverage-90',
        { fact: 'ci.coverage', greaterThanOrEqual: 90 },
        {
          level: 'silver',
          appliesTo: { kind: ['component'] },
          type: 'team',
          ownerRef: 'group:default/red',
        },
      ),
    ]);
    const impact = previewImpact({
      current,
      candidate: standard,
      entities: [
        stored(component('a', 'red'), 0, {}, 95),
        stored(component('c', 'blue'), 0, {}, 10),
      ],
      now: NOW,
    });
    expect(impact.byTeam.map(g => [g.key, g.counts.applicable])).toEqual([
      ['group:default/red', 1],
    ]);

    // Blue opted out of the recommended has-owner: its result does not hold its level back.
    const optedOut = compileGuardrails({
      levels,
      sources,
      definitions: [{ ...hasOwner, type: 'recommended' }],
      optOuts: [
        {
          guardrailId: 'has-owner',
          teamRef: 'group:default/blue',
          declaredOn: 'group:default/blue',
          reason: 'We own it through the platform',
          since: '2026-11-20T00:00:00.000Z',
        },
      ],
    });
    const moves = previewImpact({
      current: optedOut,
      candidate: coverage(),
      entities: [
        stored(
          component('c', 'blue'),
          -1,
          { 'has-owner': 'not-applicable' },
          85,
        ),
      ],
      now: NOW,
    }).levelMoves;
    expect(moves.map(m => m.entities)).toEqual([
      [
        {
          entityRef: 'component:default/c',
          title: 'c',
          // Its only result was opted out: a run stores no row for it (not evaluated).
          to: 'silver',
        },
      ],
    ]);
  });
});
