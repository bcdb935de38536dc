import { autonomyEntityEvaluatePermission } from '@aligned-autonomy/plugin-autonomy-common';
import { entityRefOf, normalizeRef } from './refs';
import type { GuardrailServices, RouteContext } from './types';

/**
 * Guardrails and scorecards: the definitions, an entity's scorecard and its re-evaluation, the
 * scorecard list and its CSV export, the heat map, rollups and history.
 */
export function scorecardRoutes(
  { router, access }: RouteContext,
  { reads, commands }: GuardrailServices,
) {
  router.get('/guardrails', async (req, res) => {
    await access.read(req);
    res.json(await reads.getGuardrails());
  });

  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    await access.read(req);
    res.json(await reads.getScorecard(entityRefOf(req.params)));
  });

  router.post('/entities/:kind/:namespace/:name/evaluate', async (req, res) => {
    const entityRef = entityRefOf(req.params);
    await access.authorize(req, autonomyEntityEvaluatePermission, {
      resourceRef: entityRef,
    });
    res.json(await commands.reevaluateEntity(entityRef));
  });

  router.get('/scorecards', async (req, res) => {
    await access.read(req);
    res.json(await reads.listScores(req.query));
  });

  router.get('/scorecards/export', async (req, res) => {
    await access.read(req);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="scorecards.csv"',
    );
    for await (const chunk of reads.exportCsv(req.query)) res.write(chunk);
    res.end();
  });

  router.get('/heatmap', async (req, res) => {
    await access.read(req);
    res.json(await reads.heatmap());
  });

  router.get('/rollups', async (req, res) => {
    await access.read(req);
    res.json(await reads.rollups(req.query));
  });

  router.get('/history', async (req, res) => {
    await access.read(req);
    const { ref } = req.query;
    res.json(
      await reads.history({
        ...req.query,
        ref: ref === undefined ? undefined : normalizeRef(ref, 'ref'),
      }),
    );
  });
}
