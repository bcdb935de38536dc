import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../catalogSnapshot';
import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { compileGuardrails } from './compileGuardrails';
import { evaluateOutcome } from './evaluate';
import { pushedFacts, type FactContext } from './facts';
import type { RuleOperator } from './operators';
import { EVERY_RUN, recheckAt } from './recheck';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const DAY_MS = 86_400_000;

const service: CatalogNode = {
  ref: 'component:default/checkout-api',
  kind: 'component',
  title: 'checkout-api',
  lifecycle: 'production',
};

const compile = (
  definitions: GuardrailDefinition[],
  operators?: RuleOperator[],
) =>
  compileGuardrails({
    levels: ['bronze'],
    definitions,
    sources: [
      {
        id: 'ci',
        maxAgeDays: 30,
        fields: { coverage: 'number', deployedAt: 'datetime' },
      },
    ],
    operators,
  });

const pushed = (daysAgo: number, values: Record<string, any>) =>
  new Map([
    ['ci', pushedFacts(values, new Date(NOW - daysAgo * DAY_MS).toISOString())],
  ]);

function recheckOf(
  definitions: GuardrailDefinition[],
  extra: Partial<FactContext> = {},
  exemptions?: Map<string, { id: string; expiresAt: string }>,
  operators?: RuleOperator[],
) {
  const compiled = compile(definitions, operators);
  const ctx: FactContext = { node: service, now: NOW, ...extra };
  const outcome = evaluateOutcome(compiled, ctx, exemptions)!;
  return recheckAt(compiled, ctx, outcome);
}

const LIFECYCLE = { fact: 'entity.lifecycle', equals: 'production' };
const COVERAGE = { fact: 'ci.coverage', greaterThanOrEqual: 80 };

describe('recheckAt', () => {
  it('is undefined when only catalog facts are read: time alone changes nothing', () => {
    expect(recheckOf([guardrailDef('lifecycle', LIFECYCLE)])).toBeUndefined();
  });

  it('is when a pushed fact goes stale', () => {
    expect(
      recheckOf([guardrailDef('coverage', COVERAGE)], {
        pushed: pushed(10, { coverage: 90 }),
      }),
    ).toBe(NOW + 20 * DAY_MS);
  });

  it('is undefined once the fact is stale already (a new push changes the inputs instead)', () => {
    expect(
      recheckOf([guardrailDef('coverage', COVERAGE)], {
        pushed: pushed(31, { coverage: 90 }),
      }),
    ).toBeUndefined();
  });

  it('is the end of a grace period still running, and nothing once it has passed', () => {
    expect(
      recheckOf([
        guardrailDef('lifecycle', LIFECYCLE, { enforcedFrom: '2026-12-01' }),
      ]),
    ).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(
      recheckOf([
        guardrailDef('lifecycle', LIFECYCLE, { enforcedFrom: '2026-11-01' }),
      ]),
    ).toBeUndefined();
  });

  it('is when an exemption expires', () => {
    expect(
      recheckOf(
        [guardrailDef('lifecycle', LIFECYCLE)],
        {},
        new Map([
          ['lifecycle', { id: 'x', expiresAt: '2026-11-25T00:00:00Z' }],
        ]),
      ),
    ).toBe(Date.parse('2026-11-25T00:00:00Z'));
  });

  it('is the earliest of several', () => {
    expect(
      recheckOf(
        [
          guardrailDef('coverage', COVERAGE, { enforcedFrom: '2026-12-05' }),
          guardrailDef('lifecycle', LIFECYCLE),
        ],
        // Stale from 11 December.
        { pushed: pushed(10, { coverage: 90 }) },
        new Map([
          ['lifecycle', { id: 'x', expiresAt: '2026-12-25T00:00:00Z' }],
        ]),
      ),
    ).toBe(Date.parse('2026-12-05T00:00:00Z'));
  });

  it('is every run when a rule compares a date with today, or uses a module operator', () => {
    const recent = { fact: 'ci.deployedAt', newerThanDays: 7 };
    expect(
      recheckOf([guardrailDef('recent', recent)], {
        pushed: pushed(1, { deployedAt: '2026-11-20T00:00:00Z' }),
      }),
    ).toBe(EVERY_RUN);
    const isEven: RuleOperator = {
      name: 'isEven',
      validateParam: () => undefined,
      test: value => Number(value) % 2 === 0,
      describe: () => 'to be even',
    };
    expect(
      recheckOf(
        [guardrailDef('even', { fact: 'ci.coverage', isEven: true })],
        { pushed: pushed(1, { coverage: 90 }) },
        undefined,
        [isEven],
      ),
    ).toBe(EVERY_RUN);
  });

  it('ignores guardrails that do not apply', () => {
    expect(
      recheckOf([
        guardrailDef('lifecycle', LIFECYCLE),
        guardrailDef(
          'recent',
          { fact: 'ci.deployedAt', newerThanDays: 7 },
          { appliesTo: { kind: ['api'] } },
        ),
      ]),
    ).toBeUndefined();
  });
});
