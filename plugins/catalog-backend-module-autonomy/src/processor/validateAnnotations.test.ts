import type { Entity } from '@backstage/catalog-model';
import {
  validateApiAnnotations,
  validateComponentAnnotations,
  validateEntityAnnotations,
} from './validateAnnotations';

const AVAILABILITY = 'aligned-autonomy.io/sla-availability';
const LATENCY = 'aligned-autonomy.io/sla-latency-p99';
const SUPPORT = 'aligned-autonomy.io/sla-support';
const TIER = 'aligned-autonomy.io/tier';
const SLO = 'aligned-autonomy.io/slo';

describe('validateApiAnnotations', () => {
  it('accepts an API without SLA annotations', () => {
    expect(validateApiAnnotations(undefined)).toEqual([]);
    expect(validateApiAnnotations({ 'backstage.io/x': 'y' })).toEqual([]);
  });

  it('accepts a complete, valid SLA', () => {
    expect(
      validateApiAnnotations({
        [AVAILABILITY]: '99.9',
        [LATENCY]: '250ms',
        [SUPPORT]: '24x7',
      }),
    ).toEqual([]);
  });

  it.each([['99.9'], ['99.95'], ['100'], ['100.0'], ['0.1'], ['50']])(
    'accepts the availability %s',
    value => {
      expect(validateApiAnnotations({ [AVAILABILITY]: value })).toEqual([]);
    },
  );

  it.each([
    ['0'],
    ['0.0'],
    ['100.01'],
    ['101'],
    ['-5'],
    ['99.9%'],
    ['1e2'],
    ['.5'],
    ['99.'],
    [' 99.9'],
    ['high'],
    [''],
  ])('rejects the availability %j, naming the annotation and value', value => {
    expect(validateApiAnnotations({ [AVAILABILITY]: value })).toEqual([
      `${AVAILABILITY} "${value}" is not a percentage greater than 0 and at most 100, e.g. "99.9"`,
    ]);
  });

  it.each([['300ms'], ['1ms'], ['1.5s'], ['2s'], ['1200ms'], ['0.25s']])(
    'accepts the p99 latency %s',
    value => {
      expect(validateApiAnnotations({ [LATENCY]: value })).toEqual([]);
    },
  );

  it.each([
    ['300'],
    ['0ms'],
    ['300 ms'],
    ['300MS'],
    ['1m'],
    ['-1s'],
    ['fast'],
    ['ms'],
    [''],
  ])('rejects the p99 latency %j', value => {
    expect(validateApiAnnotations({ [LATENCY]: value })).toEqual([
      `${LATENCY} "${value}" is not a positive duration in milliseconds or seconds, e.g. "300ms" or "1.5s"`,
    ]);
  });

  it.each([['24x7'], ['business-hours'], ['best-effort']])(
    'accepts the support level %s',
    value => {
      expect(validateApiAnnotations({ [SUPPORT]: value })).toEqual([]);
    },
  );

  it.each([['24/7'], ['24X7'], ['Business-Hours'], ['office hours'], ['']])(
    'rejects the support level %j',
    value => {
      expect(validateApiAnnotations({ [SUPPORT]: value })).toEqual([
        `${SUPPORT} "${value}" is not one of 24x7, business-hours, best-effort`,
      ]);
    },
  );

  it('reports every bad annotation at once', () => {
    expect(
      validateApiAnnotations({
        [AVAILABILITY]: '120',
        [LATENCY]: 'slow',
        [SUPPORT]: 'always',
      }),
    ).toEqual([
      `${AVAILABILITY} "120" is not a percentage greater than 0 and at most 100, e.g. "99.9"`,
      `${LATENCY} "slow" is not a positive duration in milliseconds or seconds, e.g. "300ms" or "1.5s"`,
      `${SUPPORT} "always" is not one of 24x7, business-hours, best-effort`,
    ]);
  });

  it('ignores component annotations on an API', () => {
    expect(validateApiAnnotations({ [TIER]: '9', [SLO]: 'x' })).toEqual([]);
  });
});

describe('validateComponentAnnotations', () => {
  it('accepts a component without tier or SLO', () => {
    expect(validateComponentAnnotations(undefined)).toEqual([]);
  });

  it.each([['1'], ['2'], ['3']])('accepts tier %s', tier => {
    expect(validateComponentAnnotations({ [TIER]: tier })).toEqual([]);
  });

  it.each([['0'], ['4'], ['1.0'], ['01'], [' 1'], ['tier-1'], ['']])(
    'rejects tier %j',
    tier => {
      expect(validateComponentAnnotations({ [TIER]: tier })).toEqual([
        `${TIER} "${tier}" is not a tier (1, 2, 3)`,
      ]);
    },
  );

  it.each([['99.9'], ['99.99'], ['100']])('accepts the SLO %s', slo => {
    expect(validateComponentAnnotations({ [SLO]: slo })).toEqual([]);
  });

  it.each([['0'], ['100.5'], ['99.9%'], ['three nines']])(
    'rejects the SLO %j',
    slo => {
      expect(validateComponentAnnotations({ [SLO]: slo })).toEqual([
        `${SLO} "${slo}" is not a percentage greater than 0 and at most 100, e.g. "99.95"`,
      ]);
    },
  );

  it('reports tier and SLO together and ignores SLA annotations', () => {
    expect(
      validateComponentAnnotations({
        [TIER]: '5',
        [SLO]: '0',
        [SUPPORT]: 'never',
      }),
    ).toEqual([
      `${TIER} "5" is not a tier (1, 2, 3)`,
      `${SLO} "0" is not a percentage greater than 0 and at most 100, e.g. "99.95"`,
    ]);
  });
});

describe('validateEntityAnnotations', () => {
  const entity = (kind: string, annotations: Record<string, string>) =>
    ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x', annotations },
      spec: {},
    } as Entity);
  const bad = { [AVAILABILITY]: 'x', [TIER]: 'x' };

  it('checks SLA annotations on APIs', () => {
    expect(validateEntityAnnotations(entity('API', bad))).toEqual([
      `${AVAILABILITY} "x" is not a percentage greater than 0 and at most 100, e.g. "99.9"`,
    ]);
  });

  it('checks tier and SLO on Components, whatever the case of the kind', () => {
    expect(validateEntityAnnotations(entity('component', bad))).toEqual([
      `${TIER} "x" is not a tier (1, 2, 3)`,
    ]);
  });

  it('checks nothing on other kinds', () => {
    for (const kind of ['Group', 'Resource', 'System', 'Mission']) {
      expect(validateEntityAnnotations(entity(kind, bad))).toEqual([]);
    }
  });

  it('accepts an entity without annotations', () => {
    expect(
      validateEntityAnnotations({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: { name: 'x' },
      }),
    ).toEqual([]);
  });
});
