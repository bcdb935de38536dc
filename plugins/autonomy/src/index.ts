/**
 * Aligned Autonomy for Backstage: missions, boundaries and guardrail scorecards next to every service.
 *
 * @packageDocumentation
 */
export {
  autonomyPlugin,
  AutonomyPage,
  EntityAutonomyContent,
  EntityMissionCard,
  EntityGuardrailScorecardCard,
  EntityBoundariesCard,
  EntityTeamAutonomyCard,
} from './plugin';
export { autonomyApiRef, type AutonomyApi } from './api/AutonomyApi';
export { AutonomyClient } from './api/AutonomyClient';
