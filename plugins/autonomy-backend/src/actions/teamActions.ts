import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  authorizeRead,
  type AutonomyActionDeps,
  entityRefInput,
  entityRefOf,
  teamRefOf,
} from './actionDeps';

const teamInput = (z: typeof import('zod/v3').z) =>
  z.object({
    teamRef: z
      .string()
      .max(255)
      .describe('The team: a group ref (group:default/checkout) or its name'),
  });

/** Reads about missions and teams: a mission chain, boundary problems, exemptions and campaigns. */
export function registerTeamActions(
  registry: ActionsRegistryService,
  deps: AutonomyActionDeps,
) {
  registry.register({
    name: 'get-mission-chain',
    title: 'Get the mission chain of an entity',
    description:
      "The mission an entity serves, how it was found (its own annotation, its system's, its team's), and the chain of missions up to the organisation's north star, with any break in it; as GET /api/autonomy/entities/{kind}/{namespace}/{name}/mission-chain answers.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
        }),
      output: z =>
        z
          .object({
            entityRef: z.string(),
            chain: z.array(z.object({}).passthrough()),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      await authorizeRead(deps, credentials);
      return {
        output: await deps.missions.getChain(entityRefOf(input.entityRef)),
      };
    },
  });

  registry.register({
    name: 'list-team-boundary-issues',
    title: "List a team's boundary violations and contract gaps",
    description:
      "A team's cross-team dependencies that are boundary violations (directly on another team's component or resource) or contract gaps (through an API without an SLA), outbound and inbound, each with how to fix it; `boundaries` is GET /api/autonomy/teams/{namespace}/{name}/boundaries.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: teamInput,
      output: z => {
        const issue = z.object({
          fromRef: z.string(),
          toRef: z.string(),
          fromTeamRef: z.string(),
          toTeamRef: z.string(),
          via: z.string(),
          health: z.string(),
          fix: z.string().optional(),
          direction: z.enum(['outbound', 'inbound']),
        });
        return z.object({
          teamRef: z.string(),
          violations: z.array(issue),
          contractGaps: z.array(issue),
          boundaries: z.object({ teamRef: z.string() }).passthrough(),
        });
      },
    },
    action: async ({ input, credentials }) => {
      await authorizeRead(deps, credentials);
      const teamRef = teamRefOf(input.teamRef);
      const boundaries = await deps.boundaries.teamBoundaries(teamRef);
      const all = [
        ...boundaries.outbound.map(d => ({
          ...d,
          direction: 'outbound' as const,
        })),
        ...boundaries.inbound.map(d => ({
          ...d,
          direction: 'inbound' as const,
        })),
      ];
      return {
        output: {
          teamRef,
          violations: all.filter(d => d.health === 'violation'),
          contractGaps: all.filter(d => d.health === 'contract-gap'),
          boundaries,
        },
      };
    },
  });

  registry.register({
    name: 'list-team-exemptions-and-campaigns',
    title: "List a team's open exemptions and campaigns",
    description:
      "The active exemptions of a team's entities (GET /api/autonomy/exemptions?ownerRef=&status=active), and the campaigns with entities of the team in scope, each with its deadline, overall and per-team progress and the teams behind (GET /api/autonomy/campaigns?teamRef=).",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: teamInput,
      output: z =>
        z.object({
          teamRef: z.string(),
          exemptions: z.object({ items: z.array(z.object({}).passthrough()) }),
          campaigns: z
            .object({ items: z.array(z.object({}).passthrough()) })
            .passthrough(),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeRead(deps, credentials);
      const teamRef = teamRefOf(input.teamRef);
      const [exemptions, campaigns] = await Promise.all([
        deps.guardrailReads.listExemptions({
          ownerRef: teamRef,
          status: ['active'],
        }),
        deps.campaigns.listCampaigns({ teamRef }),
      ]);
      return { output: { teamRef, exemptions, campaigns } };
    },
  });
}
