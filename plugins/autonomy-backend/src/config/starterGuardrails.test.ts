import { ConfigReader } from '@backstage/config';
import { parse } from 'yaml';
import { STARTER_GUARDRAILS_CONFIG } from '@aligned-autonomy/plugin-autonomy-common';
import { compileGuardrails } from '../domain/guardrails/compileGuardrails';
import { evaluateEntity } from '../domain/guardrails/evaluate';
import { readGuardrailsConfig } from './readGuardrailsConfig';

// The starter configuration the frontend offers to copy where none is configured: it must start.
describe('the starter guardrail configuration', () => {
  const compiled = compileGuardrails(
    readGuardrailsConfig(new ConfigReader(parse(STARTER_GUARDRAILS_CONFIG))),
  );

  it('reads and compiles, one guardrail per level', () => {
    expect(compiled.levels).toEqual(['bronze', 'silver', 'gold']);
    expect(compiled.guardrails.map(g => g.levelIndex)).toEqual([0, 1, 2]);
  });

  it('grants every level to a documented, team-owned production service', () => {
    const evaluation = evaluateEntity(compiled, {
      node: {
        ref: 'component:default/checkout-api',
        kind: 'component',
        title: 'checkout-api',
        specType: 'service',
        lifecycle: 'production',
        ownerRef: 'group:default/checkout',
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      },
      owner: {
        ref: 'group:default/checkout',
        kind: 'group',
        title: 'checkout',
        specType: 'team',
      },
      now: Date.parse('2026-11-26T12:00:00Z'),
    });
    expect(evaluation?.results.map(r => r.state)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
    expect(evaluation?.levelIndex).toBe(2);
  });
});
