import type { CatalogNode } from '../catalogSnapshot';
import { compileFilter } from './compileFilter';

const service: CatalogNode = {
  ref: 'component:default/checkout-api',
  kind: 'component',
  title: 'checkout-api',
  specType: 'service',
  lifecycle: 'production',
  annotations: {
    'aligned-autonomy.io/tier': '1',
    'backstage.io/techdocs-ref': 'dir:.',
  },
  tags: ['java', 'PCI'],
};

const bare: CatalogNode = {
  ref: 'component:default/bare',
  kind: 'component',
  title: 'bare',
};

describe('compileFilter', () => {
  it('matches everything when empty', () => {
    expect(compileFilter({})(service)).toBe(true);
    expect(compileFilter({})(bare)).toBe(true);
    expect(compileFilter({ kind: [], tags: [], annotations: [] })(bare)).toBe(
      true,
    );
  });

  it.each([
    ['kind', { kind: ['Component'] }, { kind: ['api', 'system'] }],
    ['type', { type: ['website', 'SERVICE'] }, { type: ['website'] }],
    [
      'lifecycle',
      { lifecycle: ['Production'] },
      { lifecycle: ['experimental'] },
    ],
    ['tier', { tier: ['1', '2'] }, { tier: ['3'] }],
    ['tags', { tags: ['pci'] }, { tags: ['python', 'go'] }],
  ])('filters by %s, case-insensitively', (_field, matching, other) => {
    expect(compileFilter(matching)(service)).toBe(true);
    expect(compileFilter(other)(service)).toBe(false);
  });

  it('matches any tag of the entity', () => {
    expect(compileFilter({ tags: ['go', 'JAVA'] })(service)).toBe(true);
  });

  it('requires every listed annotation key', () => {
    expect(
      compileFilter({ annotations: ['backstage.io/techdocs-ref'] })(service),
    ).toBe(true);
    expect(
      compileFilter({
        annotations: ['backstage.io/techdocs-ref', 'aligned-autonomy.io/tier'],
      })(service),
    ).toBe(true);
    expect(
      compileFilter({
        annotations: ['backstage.io/techdocs-ref', 'pagerduty.com/service-id'],
      })(service),
    ).toBe(false);
  });

  it('requires every given field to match', () => {
    expect(
      compileFilter({ kind: ['component'], type: ['service'], tier: ['1'] })(
        service,
      ),
    ).toBe(true);
    expect(
      compileFilter({ kind: ['component'], type: ['service'], tier: ['2'] })(
        service,
      ),
    ).toBe(false);
  });

  it.each([
    ['type', { type: ['service'] }],
    ['lifecycle', { lifecycle: ['production'] }],
    ['tier', { tier: ['1'] }],
    ['tags', { tags: ['java'] }],
    ['annotations', { annotations: ['backstage.io/techdocs-ref'] }],
  ])(
    'never matches a missing %s against a non-empty list',
    (_field, filter) => {
      expect(compileFilter(filter)(bare)).toBe(false);
    },
  );
});
