import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import {
  authorizeRead,
  type AutonomyActionDeps,
  entityRefInput,
  entityRefOf,
  guardrailIdInput,
  NEEDS_ATTENTION,
} from './actionDeps';

const DAY_MS = 86_400_000;

/** Reads of an entity's scorecard: the whole card with what to fix, and one guardrail explained. */
export function registerScorecardActions(
  registry: ActionsRegistryService,
  deps: AutonomyActionDeps,
) {
  // The set of the last analysis: app-config's guardrails and the catalog's.
  const definitionsNow = async () =>
    new Map(
      (await deps.guardrailReads.getGuardrails()).guardrails.map(g => [
        g.id,
        g,
      ]),
    );

  registry.register({
    name: 'get-entity-scorecard',
    title: 'Get an entity scorecard',
    description:
      'The guardrail scorecard of a catalog entity (level, score, every guardrail result with its facts, exemptions, trend), as GET /api/autonomy/entities/{kind}/{namespace}/{name}/scorecard answers, plus the guardrails that fail (or are unknown, in warning or broken) with the rationale and how to fix each.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
        }),
      output: z =>
        z.object({
          scorecard: z
            .object({ entityRef: z.string() })
            .passthrough()
            .describe('The scorecard as the REST API returns it'),
          failing: z
            .array(
              z.object({
                guardrailId: z.string(),
                title: z.string(),
                state: z.string(),
                message: z.string().optional(),
                howToFix: z.string().optional(),
                howToAppeal: z.string().optional(),
              }),
            )
            .describe('Guardrails that need attention, in definition order'),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeRead(deps, credentials);
      const scorecard = await deps.guardrailReads.getScorecard(
        entityRefOf(input.entityRef),
      );
      const results = 'results' in scorecard ? scorecard.results : [];
      const definitions = await definitionsNow();
      const failing = results
        .filter(r => NEEDS_ATTENTION.has(r.state))
        .map(r => {
          const definition = definitions.get(r.guardrailId);
          return {
            guardrailId: r.guardrailId,
            title: definition?.title ?? r.guardrailId,
            state: r.state,
            ...(r.message ? { message: r.message } : {}),
            ...(definition?.rationale.howToFix
              ? { howToFix: definition.rationale.howToFix }
              : {}),
            ...(definition?.rationale.howToAppeal
              ? { howToAppeal: definition.rationale.howToAppeal }
              : {}),
          };
        });
      return { output: { scorecard, failing } };
    },
  });

  registry.register({
    name: 'explain-guardrail-result',
    title: 'Explain a guardrail result for an entity',
    description:
      "Why one guardrail has its state for one entity: the guardrail's definition and rationale (why, risk, evidence, how to fix, how to appeal), the result with its message, and every fact behind it with where it came from and its age in days.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
          guardrailId: guardrailIdInput(
            z,
            'The guardrail id, e.g. tier1-has-slo',
          ),
        }),
      output: z =>
        z.object({
          guardrail: z
            .object({ id: z.string(), title: z.string() })
            .passthrough(),
          result: z
            .object({ guardrailId: z.string(), state: z.string() })
            .passthrough(),
          facts: z.array(
            z.object({
              id: z.string(),
              value: z.unknown(),
              source: z.string(),
              observedAt: z.string().optional(),
              ageDays: z.number().optional(),
              unknown: z.boolean().optional(),
            }),
          ),
          evaluatedAt: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeRead(deps, credentials);
      const entityRef = entityRefOf(input.entityRef);
      const guardrail = (await definitionsNow()).get(input.guardrailId);
      if (!guardrail)
        throw new NotFoundError(`No guardrail ${input.guardrailId}`);
      const scorecard = await deps.guardrailReads.getScorecard(entityRef);
      const result =
        'results' in scorecard
          ? scorecard.results.find(r => r.guardrailId === guardrail.id)
          : undefined;
      if (!result)
        throw new NotFoundError(
          `${entityRef} has no result for ${guardrail.id}`,
        );
      const now = deps.now().getTime();
      const facts = result.facts.map(f => ({
        ...f,
        ...(f.observedAt
          ? {
              ageDays:
                Math.round(((now - Date.parse(f.observedAt)) / DAY_MS) * 10) /
                10,
            }
          : {}),
      }));
      return {
        output: {
          guardrail,
          result,
          facts,
          ...(scorecard.evaluatedAt
            ? { evaluatedAt: scorecard.evaluatedAt }
            : {}),
        },
      };
    },
  });
}
