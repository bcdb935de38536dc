import { csvField, CSV_HEADER, scoreToCsvRow } from './toCsv';
import { emptyStateCounts } from '@aligned-autonomy/plugin-autonomy-common';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['@cmd', "'@cmd"],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes numbers as they are (negative numbers are not formulas) and nothing for null', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('scoreToCsvRow', () => {
  it('writes one field per header column', () => {
    const row = scoreToCsvRow({
      entityRef: 'component:default/checkout-api',
      kind: 'component',
      title: 'Checkout, API',
      ownerRef: 'group:default/checkout',
      level: null,
      score: 62.5,
      counts: { ...emptyStateCounts(), pass: 5, fail: 3 },
      failingGuardrailIds: ['has-runbook', 'has-slo'],
      evaluatedAt: '2026-11-21T10:00:00.000Z',
    });
    expect(row).toBe(
      'component:default/checkout-api,"Checkout, API",component,group:default/checkout,,,none,62.5,5,3,0,0,0,has-runbook has-slo,2026-11-21T10:00:00.000Z',
    );
    expect(row.match(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g)).toHaveLength(
      CSV_HEADER.length - 1,
    );
  });
});
