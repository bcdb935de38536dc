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
  EntityTeamGuardrailsCard,
  EntityGuardrailContent,
  EntityCampaignsCard,
} from './plugin';
export {
  autonomyApiRef,
  type AutonomyApi,
  type HeatmapCell,
  type HeatmapResponse,
  type HistoryScope,
  type RollupScope,
  type ScorecardFilters,
  type ScorecardListItem,
  type ScorecardPage,
  type ScorecardQuery,
  type ScorecardSort,
  type ScorecardTrendPoint,
} from './api/AutonomyApi';
export { AutonomyClient } from './api/AutonomyClient';
