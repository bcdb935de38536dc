import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { AutonomyActionDeps } from './actionDeps';
import { registerExemptionActions } from './exemptionActions';
import { registerScorecardActions } from './scorecardActions';
import { registerTeamActions } from './teamActions';

/**
 * Registers the plugin's actions with Backstage's actions registry, where the MCP actions backend
 * (and any other actions client) finds them as `autonomy:<name>`. Each checks the permission
 * framework with the caller's credentials and answers from the same services as the REST API.
 */
export function registerActions(
  registry: ActionsRegistryService,
  deps: AutonomyActionDeps,
) {
  registerScorecardActions(registry, deps);
  registerTeamActions(registry, deps);
  registerExemptionActions(registry, deps);
}
