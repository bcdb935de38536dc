import type { GuardrailRecordService } from '../service/GuardrailRecordService';
import { teamRefOf } from './refs';
import type { RouteContext } from './types';

/** A guardrail's page and a team's guardrail halves. */
export function guardrailRoutes(
  { router, access }: RouteContext,
  records: GuardrailRecordService,
) {
  router.get('/guardrails/:id', async (req, res) => {
    await access.read(req);
    res.json(await records.getGuardrail(req.params.id, req.query.days));
  });

  router.get('/guardrails/:id/failing', async (req, res) => {
    await access.read(req);
    res.json(await records.failing(req.params.id, req.query));
  });

  router.get('/teams/:namespace/:name/guardrails', async (req, res) => {
    await access.read(req);
    res.json(await records.getTeamGuardrails(teamRefOf(req.params)));
  });
}
