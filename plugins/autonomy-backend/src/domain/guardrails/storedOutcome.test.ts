import fc from 'fast-check';
import {
  TIGHTENABLE_OPERATORS,
  type GuardrailDefinition,
  type GuardrailEntityFilter,
  type GuardrailOptOut,
  type GuardrailRule,
  type GuardrailTightening,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CampaignGrace } from '../campaigns/campaigns';
import type { CatalogNode } from '../catalogSnapshot';
import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { compileGuardrails } from './compileGuardrails';
import {
  evaluateOutcome,
  explainOutcome,
  type ActiveExemptions,
} from './evaluate';
import {
  pushedFacts,
  type FactContext,
  type FactSourceSchema,
  type FactValue,
} from './facts';
import type { RuleOperator } from './operators';
import { stateTokens } from './storedEvaluation';
import {
  explainStoredOutcome,
  outcomeTokens,
  storedOutcomeText,
  type StoredOutcome,
} from './storedOutcome';

/*
 * A run stores an entity's outcome and the fact values it read; a reader puts them in words later.
 * Whatever the guardrails, the entity, its facts, exemptions, campaigns and team decisions, the
 * words must be those the run would have written.
 */

const NOW = Date.parse('2026-11-26T12:00:00Z');
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS).toISOString();
const LEVELS = ['bronze', 'silver', 'gold'];
const PAYMENTS = 'group:default/payments';
const SEARCH = 'group:default/search';
const ci: FactSourceSchema = {
  id: 'ci',
  maxAgeDays: 30,
  fields: {
    coverage: 'number',
    green: 'boolean',
    branch: 'string',
    deployedAt: 'datetime',
    owners: 'string-array',
  },
};
/** A second source, fresh for less long: its facts are observed at another instant. */
const sec: FactSourceSchema = {
  id: 'sec',
  maxAgeDays: 7,
  fields: { critical: 'number', scannedAt: 'datetime' },
};
const SOURCES = [ci, sec];

/** A module's operator that throws on text: the `error` state and its message. */
const numeric: RuleOperator = {
  name: 'numeric',
  validateParam: () => undefined,
  test: value => {
    if (typeof value === 'string')
      throw new Error(`cannot read ${JSON.stringify(value)}`);
    return typeof value === 'number';
  },
  describe: () => 'to be a number',
};

const compile = (
  definitions: GuardrailDefinition[],
  declared: {
    optOuts?: GuardrailOptOut[];
    tightenings?: GuardrailTightening[];
  } = {},
) =>
  compileGuardrails({
    levels: LEVELS,
    definitions,
    sources: SOURCES,
    operators: [numeric],
    providerIds: ['scanner'],
    ...declared,
  });

/** The row a run stores beside the outcome. */
const storedEntity = (ctx: FactContext) => ({
  ref: ctx.node.ref,
  kind: ctx.node.kind,
  title: ctx.node.title,
  ownerRef: ctx.node.ownerRef,
  evaluatedAt: new Date(ctx.now).toISOString(),
});

/** What a reader shows, from the text a run stores. */
const readBack = (
  compiled: ReturnType<typeof compile>,
  ctx: FactContext,
  text: string,
) =>
  explainStoredOutcome(
    compiled,
    JSON.parse(text) as StoredOutcome,
    storedEntity(ctx),
  );

// ---- Arbitraries -------------------------------------------------------------------------------

const FACTS = [
  'entity.kind',
  'entity.lifecycle',
  'entity.tags',
  'entity.tier',
  'entity.linkCount',
  'entity.annotations.x',
  'entity.annotations.team/slo',
  'owner.ref',
  'owner.exists',
  'owner.isTeam',
  'owner.type',
  ...SOURCES.flatMap(s => Object.keys(s.fields).map(f => `${s.id}.${f}`)),
  'boundaries.violations',
  'scanner.grade',
  'scanner.findings',
];
/** Instants a whole number of days before NOW, or a day's date: ages rules ask about. */
const when = fc.oneof(
  fc.integer({ min: 0, max: 4 }).map(daysAgo),
  fc.constantFrom('2026-11-26', daysAgo(45)),
);
/** Text that JSON has to escape or that rules compare: quotes, backslashes, non-ASCII, dates. */
const textValue = fc.oneof(
  when,
  fc.constantFrom(
    'main',
    'production',
    'PCI',
    'say "hi"',
    'back\\slash',
    'naïve – 日本 🚀',
    '',
    '42',
    '99.9',
    'not a date',
  ),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
// Numbers JSON can hold: NaN and Infinity are the last example's.
const number = fc.oneof(
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom(99.5, 1e21),
);
const scalar = fc.oneof(textValue, number, fc.boolean(), fc.constant(null));
// Instants often, so that the run's clock shows in what is explained.
const value: fc.Arbitrary<FactValue> = fc.oneof(
  when,
  scalar,
  fc.array(textValue, { maxLength: 3 }),
);

const operator = fc.oneof(
  fc.tuple(fc.constant('exists'), fc.boolean()),
  fc.tuple(fc.constantFrom('equals', 'notEquals', 'contains'), scalar),
  fc.tuple(
    fc.constantFrom('in', 'notIn'),
    fc.array(scalar, { minLength: 1, maxLength: 3 }),
  ),
  fc.tuple(
    fc.constantFrom(
      'greaterThan',
      'greaterThanOrEqual',
      'lessThan',
      'lessThanOrEqual',
    ),
    fc.integer({ min: -5, max: 120 }),
  ),
  fc.tuple(fc.constant('matches'), fc.constantFrom('^ma', '"', '\\\\', '日本')),
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constantFrom('newerThanDays', 'olderThanDays'),
      fc.integer({ min: 0, max: 5 }),
    ),
  },
  fc.tuple(fc.constant('numeric'), fc.constant(true)),
);
const condition = fc
  .tuple(fc.constantFrom(...FACTS), operator)
  .map(([fact, [op, param]]) => ({ fact, [op]: param } as GuardrailRule));
const { rule } = fc.letrec<{ rule: GuardrailRule }>(tie => ({
  rule: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    condition,
    fc.record({ all: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ),
}));

/** Ids JSON escapes, and `%` and `_`, which LIKE patterns escape. */
const IDS = ['has-slo', 'say "ok"', 'back\\slash', 'naïve-日本', 'pct_100%'];
const definitions = fc
  .array(
    fc.record({
      rule,
      level: fc.constantFrom(...LEVELS),
      mode: fc.constantFrom('enforced' as const, 'warning' as const),
      enforcedFrom: fc.constantFrom(
        undefined,
        '2026-01-01',
        '2026-11-26',
        '2027-06-01',
      ),
      appliesTo: fc.constantFrom<GuardrailEntityFilter>(
        {},
        { kind: ['component'] },
        { lifecycle: ['production'] },
        { tags: ['pci'] },
        { annotations: ['x'] },
      ),
      type: fc.constantFrom(
        'required' as const,
        'recommended' as const,
        'team' as const,
      ),
      ownerRef: fc.constantFrom(PAYMENTS, SEARCH, undefined),
    }),
    { minLength: 1, maxLength: IDS.length },
  )
  .map(defs =>
    defs.map(({ rule: r, ownerRef, ...extra }, i) =>
      guardrailDef(IDS[i], r, {
        ...extra,
        ...(extra.type === 'team' && { ownerRef }),
      }),
    ),
  );

const ENTITIES = ['component:default/checkout', 'api:default/pay-"api"'];
/** Whom a team decision covers: the team's entities or one entity. */
const cover = fc.oneof(
  fc
    .constantFrom(PAYMENTS, SEARCH)
    .map(teamRef => ({ teamRef, declaredOn: teamRef })),
  fc.constantFrom(...ENTITIES).map(entityRef => ({
    teamRef: PAYMENTS,
    declaredOn: entityRef,
    entityRef,
  })),
);
const optOuts = fc
  .array(
    fc.record({
      guardrailId: fc.constantFrom(...IDS),
      who: cover,
      reason: fc.constantFrom('Not for us', 'We use "deploy-tool" – ok'),
    }),
    { maxLength: 2 },
  )
  .map(list =>
    list.map(({ who, ...o }) => ({ ...o, ...who, since: daysAgo(10) })),
  );

/** The conditions of a rule a team could tighten, with their numbers. */
function tightenable(r: GuardrailRule): {
  fact: string;
  operator: keyof typeof TIGHTENABLE_OPERATORS;
  current: number;
}[] {
  const n = r as Record<string, unknown>;
  if (Array.isArray(n.all)) return n.all.flatMap(tightenable);
  if (Array.isArray(n.any)) return n.any.flatMap(tightenable);
  if (n.not) return []; // refused under `not`
  return Object.keys(TIGHTENABLE_OPERATORS)
    .filter(op => op in n)
    .map(op => ({
      fact: n.fact as string,
      operator: op as keyof typeof TIGHTENABLE_OPERATORS,
      current: n[op] as number,
    }));
}
/** Tightenings of the set's own conditions; a negative step loosens, and is skipped when compiled. */
const tightenings = (
  defs: GuardrailDefinition[],
): fc.Arbitrary<GuardrailTightening[]> => {
  const found = defs.flatMap(d =>
    tightenable(d.rule).map(c => ({ ...c, guardrailId: d.id })),
  );
  if (!found.length) return fc.constant([]);
  return fc
    .array(
      fc.record({
        c: fc.constantFrom(...found),
        step: fc.integer({ min: -2, max: 10 }),
        who: cover,
      }),
      { maxLength: 2 },
    )
    .map(list =>
      list.map(({ c: { current, ...c }, step, who }) => ({
        ...c,
        ...who,
        value: Math.max(
          0,
          TIGHTENABLE_OPERATORS[c.operator] === 'up'
            ? current + step
            : current - step,
        ),
        since: daysAgo(5),
      })),
    );
};

const guardrailSet = definitions.chain(defs =>
  fc.record({
    defs: fc.constant(defs),
    optOuts,
    tightenings: tightenings(defs),
  }),
);

const entityNode = fc
  .record(
    {
      ref: fc.constantFrom(...ENTITIES),
      lifecycle: fc.constantFrom('production', 'Production', 'experimental'),
      tags: fc.array(fc.constantFrom('pci', 'PCI', 'internal', 'naïve'), {
        maxLength: 2,
      }),
      annotations: fc.dictionary(
        fc.constantFrom('x', 'team/slo', 'aligned-autonomy.io/tier'),
        textValue,
        { maxKeys: 3 },
      ),
      linkCount: fc.integer({ min: 0, max: 3 }),
      ownerRef: fc.constantFrom(PAYMENTS, SEARCH),
    },
    { requiredKeys: ['ref'] },
  )
  .map(
    (n): CatalogNode => ({
      ...n,
      kind: n.ref.slice(0, n.ref.indexOf(':')),
      title: n.ref.slice(n.ref.indexOf('/') + 1),
    }),
  );

const context = fc
  .record({
    node: entityNode,
    ownerType: fc.option(fc.constantFrom('team', 'Team', 'department'), {
      nil: undefined,
    }),
    // Pushed facts of each source: none, fresh or stale; each field set (maybe null) or missing.
    pushed: fc.tuple(
      ...SOURCES.map(s =>
        fc.option(
          fc.record({
            values: fc.dictionary(
              fc.constantFrom(...Object.keys(s.fields)),
              value,
            ),
            ageDays: fc.integer({ min: -1, max: 40 }),
          }),
          { nil: undefined },
        ),
      ),
    ),
    derived: fc.option(
      fc.dictionary(fc.constant('boundaries.violations'), value),
      {
        nil: undefined,
      },
    ),
    provided: fc.option(
      fc.dictionary(fc.constantFrom('grade', 'findings'), value, {
        maxKeys: 2,
      }),
      { nil: undefined },
    ),
    // The run's clock: deadlines, enforcedFrom dates and the ages rules ask for fall on either
    // side of it, some by a millisecond.
    offsetMs: fc.oneof(
      fc.integer({ min: -2 * DAY_MS, max: 2 * DAY_MS }),
      fc
        .tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -1, max: 1 }))
        .map(([days, ms]) => days * DAY_MS + ms),
    ),
  })
  .map(
    ({
      node: n,
      ownerType,
      pushed,
      derived,
      provided,
      offsetMs,
    }): FactContext => ({
      node: n,
      owner:
        n.ownerRef && ownerType
          ? {
              ref: n.ownerRef,
              kind: 'group',
              title: 'owner',
              specType: ownerType,
            }
          : undefined,
      pushed: new Map(
        SOURCES.flatMap((s, i) => {
          const p = pushed[i];
          return p ? [[s.id, pushedFacts(p.values, daysAgo(p.ageDays))]] : [];
        }),
      ),
      derived,
      provided: provided && new Map([['scanner', provided]]),
      now: NOW + offsetMs,
    }),
  );

const exemptions = fc
  .array(
    fc.tuple(
      fc.constantFrom(...IDS),
      fc.record({
        id: fc.constantFrom('ex-1', 'ex-"2"'),
        expiresAt: fc.constantFrom('2027-01-01T00:00:00Z', '2026-12-01'),
      }),
    ),
    { maxLength: 2 },
  )
  .map((entries): ActiveExemptions => new Map(entries));

const campaigns = fc
  .array(
    fc.tuple(
      fc.constantFrom(...IDS),
      fc.record({
        campaignRef: fc.constant('campaign:default/q4'),
        title: fc.constantFrom('Q4 "SLOs"', 'Été'),
        deadline: fc.constantFrom('2026-11-20', '2026-11-26', '2026-12-31'),
      }),
    ),
    { maxLength: 2 },
  )
  .map(
    entries =>
      new Map<string, CampaignGrace>(
        entries.map(([id, c]) => [
          id,
          { ...c, deadlineMs: Date.parse(`${c.deadline}T00:00:00Z`) },
        ]),
      ),
  );

// ---- Tests -------------------------------------------------------------------------------------

describe('a stored outcome, explained when read', () => {
  it('explains exactly as the run would have, for any guardrails, entity and facts', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        guardrailSet,
        context,
        exemptions,
        campaigns,
        (set, ctx, exempt, governed) => {
          const compiled = compile(set.defs, set);
          const outcome = evaluateOutcome(compiled, ctx, exempt, governed);
          if (!outcome) return;
          compared++;
          const text = storedOutcomeText(compiled, outcome, ctx);
          const explained = explainOutcome(compiled, ctx, outcome).results;
          expect(readBack(compiled, ctx, text)).toStrictEqual(explained);
          expect(outcomeTokens(compiled, outcome)).toEqual(
            stateTokens(explained.map(r => ({ g: r.guardrailId, s: r.state }))),
          );
        },
      ),
      { numRuns: 4000 },
    );
    // Most runs must have something to compare, or the property says little.
    expect(compared).toBeGreaterThan(2000);
  });
});

describe('a stored outcome, in examples', () => {
  const payments: CatalogNode = {
    ref: 'component:default/checkout',
    kind: 'component',
    title: 'checkout',
    ownerRef: PAYMENTS,
  };
  const at = (
    node: CatalogNode,
    extra: Partial<FactContext> = {},
  ): FactContext => ({
    node,
    now: NOW,
    ...extra,
  });
  const FAIL = { fact: 'entity.lifecycle', equals: 'production' };
  const PASS = { fact: 'entity.kind', equals: 'component' };
  /** The stored text of `ctx`'s outcome, with what the run explained. */
  const store = (
    compiled: ReturnType<typeof compile>,
    ctx: FactContext,
    exempt?: ActiveExemptions,
  ) => {
    const outcome = evaluateOutcome(compiled, ctx, exempt)!;
    return {
      text: storedOutcomeText(compiled, outcome, ctx),
      explained: explainOutcome(compiled, ctx, outcome).results,
    };
  };

  it('of a guardrail set that is gone shows states, exemptions and opt-outs without words', () => {
    const optOut = {
      guardrailId: 'recommended',
      teamRef: PAYMENTS,
      declaredOn: PAYMENTS,
      reason: 'Not for us',
      since: daysAgo(3),
    };
    const defs = [
      guardrailDef('fails', FAIL),
      guardrailDef('exempted', FAIL),
      guardrailDef('recommended', PASS, { type: 'recommended' }),
    ];
    const compiled = compile(defs, { optOuts: [optOut] });
    const { text } = store(
      compiled,
      at(payments),
      new Map([
        ['exempted', { id: 'ex-1', expiresAt: '2027-01-01T00:00:00Z' }],
      ]),
    );
    const renamed = compile(
      [{ ...defs[0], title: 'Renamed' }, ...defs.slice(1)],
      { optOuts: [optOut] },
    );
    expect(renamed.fingerprint).not.toBe(compiled.fingerprint);
    expect(readBack(renamed, at(payments), text)).toStrictEqual([
      { guardrailId: 'fails', state: 'fail', facts: [] },
      {
        guardrailId: 'exempted',
        state: 'exempt',
        facts: [],
        exemptionId: 'ex-1',
      },
      {
        guardrailId: 'recommended',
        state: 'not-applicable',
        facts: [],
        optOut,
      },
    ]);
  });

  it('explains with the same definitions compiled under other levels, freshness and providers', () => {
    const defs = [guardrailDef('fails', FAIL), guardrailDef('passes', PASS)];
    const compiled = compile(defs);
    const ctx = at(payments);
    const { text, explained } = store(compiled, ctx);
    // What app-config alone changes: the fingerprint, not the guardrails or their facts.
    const reconfigured = compileGuardrails({
      levels: ['basic', ...LEVELS],
      definitions: defs,
      sources: SOURCES.map(source => ({ ...source, maxAgeDays: 1 })),
      operators: [numeric],
      providerIds: ['scanner', 'another'],
    });
    expect(reconfigured.fingerprint).not.toBe(compiled.fingerprint);
    expect(explained[0].message).toEqual(expect.any(String));
    expect(readBack(reconfigured, ctx, text)).toStrictEqual(explained);
  });

  it('shows the states without words when the set cannot be found or compiled', () => {
    const compiled = compile([guardrailDef('fails', FAIL)]);
    const ctx = at(payments);
    const { text } = store(compiled, ctx);
    expect(
      explainStoredOutcome(
        undefined,
        JSON.parse(text) as StoredOutcome,
        storedEntity(ctx),
      ),
    ).toStrictEqual([{ guardrailId: 'fails', state: 'fail', facts: [] }]);
  });

  it('explains an absent catalog fact as not set and a pushed null as null', () => {
    const compiled = compile([
      guardrailDef('lifecycle', FAIL),
      guardrailDef('branch', { fact: 'ci.branch', equals: 'main' }),
    ]);
    const ctx = at(payments, {
      pushed: new Map([['ci', pushedFacts({ branch: null }, daysAgo(1))]]),
    });
    const { text, explained } = store(compiled, ctx);
    const stored = JSON.parse(text) as StoredOutcome;
    expect(stored.n).toEqual([0]);
    expect(stored.u).toBeUndefined();
    expect(readBack(compiled, ctx, text)).toStrictEqual([
      {
        guardrailId: 'lifecycle',
        state: 'fail',
        message:
          'expected entity.lifecycle to equal "production", but it is not set',
        facts: [{ id: 'entity.lifecycle', value: null, source: 'catalog' }],
      },
      {
        guardrailId: 'branch',
        state: 'fail',
        message: 'expected ci.branch to equal "main", but it is null',
        facts: [
          {
            id: 'ci.branch',
            value: null,
            source: 'pushed',
            observedAt: daysAgo(1),
          },
        ],
      },
    ]);
    expect(readBack(compiled, ctx, text)).toStrictEqual(explained);
  });

  it('explains a stale pushed fact as unknown and keeps when it was observed', () => {
    const compiled = compile([
      guardrailDef('coverage', { fact: 'ci.coverage', greaterThanOrEqual: 80 }),
    ]);
    const ctx = at(payments, {
      pushed: new Map([['ci', pushedFacts({ coverage: 95 }, daysAgo(45))]]),
    });
    const { text } = store(compiled, ctx);
    const stored = JSON.parse(text) as StoredOutcome;
    expect(stored.u).toEqual([0]);
    expect(stored.o).toEqual([[daysAgo(45), 0]]);
    expect(readBack(compiled, ctx, text)).toStrictEqual([
      {
        guardrailId: 'coverage',
        state: 'unknown',
        message: 'ci.coverage is unknown (missing or stale)',
        facts: [
          {
            id: 'ci.coverage',
            value: null,
            source: 'pushed',
            observedAt: daysAgo(45),
            unknown: true,
          },
        ],
      },
    ]);
  });

  it("explains at the run's time, not the reader's", () => {
    // Deployed exactly three days before the run: newer than three days then, not 1 ms later.
    const compiled = compile([
      guardrailDef('fresh', {
        all: [{ fact: 'ci.deployedAt', newerThanDays: 3 }, FAIL],
      }),
    ]);
    const ctx = at(payments, {
      pushed: new Map([
        ['ci', pushedFacts({ deployedAt: daysAgo(3) }, daysAgo(1))],
      ]),
    });
    const { text, explained } = store(compiled, ctx);
    expect(explained[0].message).toBe(
      'expected entity.lifecycle to equal "production", but it is not set',
    );
    expect(readBack(compiled, ctx, text)).toStrictEqual(explained);
    const later = { ...ctx, now: NOW + 1 };
    expect(
      explainOutcome(compiled, later, evaluateOutcome(compiled, ctx)!)
        .results[0].message,
    ).toMatch(/^expected ci.deployedAt to be newer than 3 days/);
  });

  it('is JSON whose results keep the prefix the database filters and counts by', () => {
    const ids = ['passes', 'fails', 'pct_100%', 'say "ok"'];
    const compiled = compile([
      guardrailDef(ids[0], PASS),
      guardrailDef(ids[1], FAIL),
      guardrailDef(ids[2], PASS),
      guardrailDef(ids[3], { fact: 'ci.branch', equals: 'main' }),
    ]);
    // A fact value that reads like a passing result of "fails" must not match its filter.
    const ctx = at(payments, {
      pushed: new Map([
        ['ci', pushedFacts({ branch: '{"g":"fails","s":"pass"}' }, daysAgo(1))],
      ]),
    });
    const { text } = store(
      compiled,
      ctx,
      new Map([
        ['pct_100%', { id: 'ex-1', expiresAt: '2027-01-01T00:00:00Z' }],
      ]),
    );
    const results = (JSON.parse(text) as StoredOutcome).results;
    expect(results.map(r => [r.g, r.s])).toEqual([
      ['passes', 'pass'],
      ['fails', 'fail'],
      ['pct_100%', 'exempt'],
      ['say "ok"', 'fail'],
    ]);
    for (const { g, s } of results) {
      expect(text).toContain(`{"g":${JSON.stringify(g)},"s":"${s}"`);
      // What DatabaseGuardrailStore's LIKE patterns look for, before escaping.
      expect(text).toContain(`${JSON.stringify({ g }).slice(1, -1)},`);
      const passing = JSON.stringify({ g, s: 'pass' }).slice(1, -1);
      expect(text.includes(passing)).toBe(s === 'pass');
    }
  });

  // JSON writes NaN and Infinity as null: a provider's non-finite number counts as unknown (facts.ts),
  // so the run and the reader see the same value.
  it('explains a provider number JSON cannot hold (NaN) as the run did', () => {
    const compiled = compile([
      guardrailDef('scanned', {
        all: [{ fact: 'scanner.grade', exists: true }, FAIL],
      }),
    ]);
    const ctx = at(payments, {
      provided: new Map([['scanner', { grade: NaN }]]),
    });
    const { text, explained } = store(compiled, ctx);
    expect(explained[0].message).toBe(
      'expected entity.lifecycle to equal "production", but it is not set',
    );
    expect(readBack(compiled, ctx, text)[0].message).toBe(explained[0].message);
  });
});
