import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import {
  isGuardrailEntity,
  validateGuardrailEntity,
} from '@aligned-autonomy/plugin-autonomy-common';
import { parseAllDocuments } from 'yaml';
import { readGuardrailsConfig } from './config/readGuardrailsConfig';
import { buildSnapshot } from './domain/catalogSnapshot';
import { compileGuardrails } from './domain/guardrails/compileGuardrails';
import { buildGuardrailSet } from './domain/guardrails/guardrailSet';

/** The demo organisation's guardrails, opt-outs and tightenings, as the catalog and a run see them. */
const root = resolve(__dirname, '../../..');
const documents = (file: string): Entity[] =>
  parseAllDocuments(readFileSync(resolve(root, 'examples', file), 'utf8'))
    .map(d => d.toJSON())
    .filter(Boolean);
const appConfig = parseAllDocuments(
  readFileSync(resolve(root, 'app-config.yaml'), 'utf8'),
)[0].toJSON();
const config = readGuardrailsConfig(new ConfigReader(appConfig));

describe('the demo organisation owning the how', () => {
  const guardrails = documents('guardrails.yaml');

  it('has Guardrail entities the catalog accepts, and one it refuses naming each field', () => {
    const refused = guardrails.flatMap(entity => {
      try {
        validateGuardrailEntity(entity, { levels: config.levels });
        return [];
      } catch (e) {
        return [(e as Error).message];
      }
    });
    expect(refused).toEqual([
      expect.stringMatching(
        /^Guardrail broken-guardrail is invalid: spec\.type: .*; spec\.rationale\.why is required$/,
      ),
    ]);
  });

  it('gives a run app-config and catalog guardrails, the Checkout opt-out and the Payments tightening, with no problem', () => {
    // What reaches a run: the entities the catalog accepted.
    const accepted = [...documents('org.yaml'), ...guardrails].filter(
      e => !isGuardrailEntity(e) || e.metadata.name !== 'broken-guardrail',
    );
    const snapshot = buildSnapshot(accepted);
    const set = buildGuardrailSet({
      config: config.definitions,
      catalog: [...snapshot.values()].flatMap(n =>
        n.guardrail ? [{ entityRef: n.ref, ...n.guardrail }] : [],
      ),
      declaring: snapshot.values(),
      ruleProblem: d => {
        try {
          compileGuardrails({ ...config, definitions: [d] });
          return undefined;
        } catch (e) {
          return (e as Error).message;
        }
      },
      now: '2026-11-26T00:00:00.000Z',
    });
    expect(set.problems).toEqual([]);
    const byType = (type: string) =>
      set.definitions
        .filter(d => d.type === type)
        .map(d => d.id)
        .sort();
    expect(byType('recommended')).toEqual([
      'api-has-latency-sla',
      'component-has-links',
    ]);
    expect(byType('team')).toEqual([
      'payments-pci-slo',
      'payments-runbook-and-on-call',
      'search-lifecycle-declared',
    ]);
    expect(byType('required')).toContain('tier1-has-runbook');
    expect(set.optOuts).toEqual([
      expect.objectContaining({
        guardrailId: 'component-has-links',
        teamRef: 'group:default/checkout',
      }),
    ]);
    expect(set.tightenings).toEqual([
      expect.objectContaining({
        guardrailId: 'tier1-has-slo',
        teamRef: 'group:default/payments',
        value: 99.95,
      }),
    ]);
  });
});
