import {
  TestDatabases,
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type {
  GuardrailDefinition,
  GuardrailPreviewResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { Knex } from 'knex';
import { createHash } from 'crypto';
import { stringify } from 'yaml';
import { buildSnapshot } from '../../domain/catalogSnapshot';
import { compileGuardrails } from '../../domain/guardrails/compileGuardrails';
import { FactProviderRegistry } from '../../facts/FactProviderRegistry';
import { AnalysisPipeline } from '../../run/AnalysisPipeline';
import type { Stores } from '../../store/createStores';
import { generateCatalog } from '../../testUtils/catalogFixtures';
import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { openStores } from '../../testUtils/openStores';
import { GuardrailPreviewService } from './GuardrailPreviewService';

jest.setTimeout(180_000);

const NOW = new Date('2026-11-26T12:00:00.000Z');
const levels = ['bronze', 'silver', 'gold'];
const sources = [
  { id: 'ci', maxAgeDays: 30, fields: { coverage: 'number' as const } },
];
const compile = (definitions: GuardrailDefinition[]) =>
  compileGuardrails({ levels, sources, definitions });

const base = [
  guardrailDef('owned-by-team', { fact: 'owner.isTeam', equals: true }),
  guardrailDef(
    'has-mission',
    { fact: 'mission.chainComplete', equals: true },
    { appliesTo: { kind: ['component'] } },
  ),
  guardrailDef(
    'coverage',
    { fact: 'ci.coverage', greaterThanOrEqual: 40 },
    { level: 'silver', appliesTo: { kind: ['component'] } },
  ),
];
/** The changed coverage guardrail, as an app-config definition. */
const stricterCoverage = {
  id: 'coverage',
  title: 'Coverage of 60% or more',
  rationale: { why: 'Untested code breaks in production.' },
  appliesTo: { kind: 'component' },
  rule: { fact: 'ci.coverage', greaterThanOrEqual: 60 },
  level: 'silver',
};
/** A new guardrail, as a Guardrail entity. */
const annotatedMission = {
  apiVersion: 'aligned-autonomy.io/v1alpha1',
  kind: 'Guardrail',
  metadata: { name: 'mission-annotated', title: 'Mission annotated' },
  spec: {
    type: 'recommended',
    owner: 'group:default/org',
    rationale: { why: 'A service states the mission it serves.' },
    appliesTo: { kind: ['component', 'system'] },
    rule: {
      fact: 'entity.annotations.aligned-autonomy.io/mission',
      exists: true,
    },
    level: 'gold',
  },
};

const catalog = generateCatalog(240);
const snapshot = buildSnapshot(catalog);

function pipelineWith(
  stores: Stores,
  definitions: GuardrailDefinition[],
  catalogNow = snapshot,
) {
  return new AnalysisPipeline({
    stores,
    guardrails: compile(definitions),
    historyRetentionDays: 400,
    factProviders: new FactProviderRegistry(),
    readSnapshot: async () => catalogNow,
    readNeighbourhood: async refs =>
      new Map(
        refs.flatMap(r => (catalogNow.has(r) ? [[r, catalogNow.get(r)!]] : [])),
      ),
    logger: mockServices.logger.mock(),
    now: () => NOW,
  });
}

function serviceOver(stores: Stores, definitions: GuardrailDefinition[]) {
  return new GuardrailPreviewService({
    stores,
    guardrails: async () => ({ current: compile(definitions), compile }),
    provided: async () => new Map(),
    now: () => NOW,
  });
}

/** Every plugin table's row count and a checksum of its rows, to show that nothing was written. */
async function fingerprint(knex: Knex) {
  const tables: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex.raw(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'autonomy%'",
          )
        ).rows.map((r: { name: string }) => r.name)
      : (
          await knex.raw(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'autonomy%'",
          )
        ).map((r: { name: string }) => r.name);
  const result: Record<string, string> = {};
  for (const table of tables.sort()) {
    const rows = (await knex(table)).map(r => JSON.stringify(r)).sort();
    result[table] = `${rows.length} ${createHash('sha1')
      .update(rows.join('\n'))
      .digest('hex')}`;
  }
  return result;
}

/** Per owner, the states a real run stored for the guardrail, and every entity's level. */
async function stored(
  knex: Knex,
  stores: Stores,
  pipeline: AnalysisPipeline,
  guardrailId: string,
) {
  const rows = await knex('autonomy_entity_scores').select(
    'entity_ref',
    'owner_ref',
    'level',
  );
  const byTeam: Record<string, Record<string, number>> = {};
  const levelOf = new Map<string, string>();
  for (const row of rows) {
    levelOf.set(row.entity_ref, row.level ?? 'none');
    const result = (
      await stores.guardrails.getResults(row.entity_ref, pipeline.storedSet)
    ).find(r => r.guardrailId === guardrailId);
    if (!result) continue;
    const team = (byTeam[row.owner_ref ?? ''] ??= {});
    team[result.state] = (team[result.state] ?? 0) + 1;
  }
  return { byTeam, levels: levelOf };
}

/** The preview's counts per team, in the shape of {@link stored}. */
const previewedByTeam = (preview: GuardrailPreviewResponse) =>
  Object.fromEntries(
    preview.byTeam.map(({ key, counts }) => [
      key,
      Object.fromEntries(
        Object.entries(counts).filter(([s, n]) => s !== 'applicable' && n > 0),
      ),
    ]),
  );

/** The level changes between two runs, per team, in the preview's shape. */
function movesBetween(before: Map<string, string>, after: Map<string, string>) {
  const moves: Record<string, string[]> = {};
  for (const [ref, level] of after) {
    if ((before.get(ref) ?? 'none') === level) continue;
    const team = snapshot.get(ref)?.ownerRef ?? '';
    (moves[team] ??= []).push(`${ref} ${before.get(ref) ?? '-'}→${level}`);
  }
  for (const [ref, level] of before)
    if (!after.has(ref) && level !== 'none')
      (moves[snapshot.get(ref)?.ownerRef ?? ''] ??= []).push(
        `${ref} ${level}→none`,
      );
  return Object.fromEntries(
    Object.entries(moves).map(([team, list]) => [team, list.sort()]),
  );
}

const previewedMoves = (preview: GuardrailPreviewResponse) =>
  Object.fromEntries(
    preview.levelMoves.map(m => [
      m.teamRef,
      m.entities.map(e => `${e.entityRef} ${e.from ?? '-'}→${e.to}`).sort(),
    ]),
  );

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'guardrail preview on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let stores: Stores;

    beforeAll(async () => {
      ({ knex, stores } = await openStores(databases, id));
      // Coverage for two components in three; the rest is unknown.
      for (const [i, node] of [...snapshot.values()].entries()) {
        if (node.kind !== 'component' || i % 3 === 0) continue;
        await stores.facts.upsert(
          node.ref,
          'ci',
          { coverage: (i * 37) % 100 },
          new Date('2026-11-25T00:00:00.000Z'),
          NOW,
        );
      }
    });

    it('answers 404 before the first analysis, and 400 naming the field of a bad definition', async () => {
      const service = serviceOver(stores, base);
      await expect(
        service.preview(stringify(stricterCoverage)),
      ).rejects.toThrow(/not been evaluated yet/);
      await expect(
        service.preview({
          ...stricterCoverage,
          rule: { fact: 'ci.coverage', greaterThen: 1 },
        }),
      ).rejects.toThrow(
        'Invalid guardrail definition at definition.rule.greaterThen (guardrail "coverage"): unknown operator "greaterThen"',
      );
      await expect(
        service.preview(stringify({ ...stricterCoverage, level: 'platinum' })),
      ).rejects.toThrow(/definition\.level: unknown level "platinum"/);
      await expect(
        service.preview({
          ...annotatedMission,
          spec: { ...annotatedMission.spec, rationale: {} },
        }),
      ).rejects.toThrow(/spec\.rationale\.why is required/);
      await expect(service.preview('rule: [unclosed')).rejects.toThrow(
        /neither YAML nor JSON/,
      );
    });

    it('stores nothing, and its figures are those of the run that then applies the change', async () => {
      await pipelineWith(stores, base).runFull();
      await stores.exemptions.create(
        {
          entityRef: 'component:default/component-1',
          guardrailId: 'coverage',
          reason: 'Rewrite under way',
          expiresAt: '2026-12-20T00:00:00.000Z',
        },
        'user:default/maya',
        NOW,
      );
      const basePipeline = pipelineWith(stores, base);
      await basePipeline.runFull();

      // A changed guardrail, written as JSON text.
      const before = await stored(knex, stores, basePipeline, 'coverage');
      const untouched = await fingerprint(knex);
      const changed = await serviceOver(stores, base).preview(
        JSON.stringify(stricterCoverage),
      );
      expect(await fingerprint(knex)).toEqual(untouched);
      expect(changed.change).toBe('changed');
      expect(changed.counts.exempt).toBe(1);
      expect(changed.counts.fail).toBeGreaterThan(0);
      expect(changed.counts.unknown).toBeGreaterThan(0);
      expect(changed.failing.length).toBeGreaterThan(0);

      const afterChange = [base[0], base[1], changed.guardrail];
      const changedPipeline = pipelineWith(stores, afterChange);
      await changedPipeline.runFull();
      const after = await stored(knex, stores, changedPipeline, 'coverage');
      expect(previewedByTeam(changed)).toEqual(after.byTeam);
      expect(previewedMoves(changed)).toEqual(
        movesBetween(before.levels, after.levels),
      );
      expect(changed.levelMoves.some(m => m.down > 0)).toBe(true);

      // A new guardrail, written as a Guardrail entity in YAML.
      const untouchedAgain = await fingerprint(knex);
      const added = await serviceOver(stores, afterChange).preview(
        stringify(annotatedMission),
      );
      expect(await fingerprint(knex)).toEqual(untouchedAgain);
      expect(added.change).toBe('new');
      const newPipeline = pipelineWith(stores, [
        ...afterChange,
        added.guardrail,
      ]);
      await newPipeline.runFull();
      const withNew = await stored(
        knex,
        stores,
        newPipeline,
        'mission-annotated',
      );
      expect(previewedByTeam(added)).toEqual(withNew.byTeam);
      expect(previewedMoves(added)).toEqual(
        movesBetween(after.levels, withNew.levels),
      );
      expect(added.levelMoves.some(m => m.up > 0)).toBe(true);
    });

    it("a replica's kept inputs follow a run that changed the catalog", async () => {
      await pipelineWith(stores, base).runFull();
      const replica = serviceOver(stores, base);
      const definition = stringify(annotatedMission);
      const first = await replica.preview(definition);
      expect(await replica.preview(definition)).toEqual(first);

      // One component gains the annotation the previewed rule asks for.
      const target = catalog.find(
        e =>
          e.kind === 'Component' &&
          !e.metadata.annotations?.['aligned-autonomy.io/mission'],
      )!;
      const annotated = catalog.map(e =>
        e === target
          ? {
              ...e,
              metadata: {
                ...e.metadata,
                annotations: {
                  ...e.metadata.annotations,
                  'aligned-autonomy.io/mission': 'mission:default/north-star',
                },
              },
            }
          : e,
      );
      await pipelineWith(stores, base, buildSnapshot(annotated)).runFull();

      const second = await replica.preview(definition);
      expect(second.counts.pass).toBe(first.counts.pass + 1);
      // What a replica that never previewed answers.
      expect(second).toEqual(
        await serviceOver(stores, base).preview(definition),
      );
    });
  },
);
