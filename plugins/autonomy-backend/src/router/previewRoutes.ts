import { autonomyGuardrailPreviewPermission } from '@aligned-autonomy/plugin-autonomy-common';
import type { GuardrailPreviewService } from '../service/preview/GuardrailPreviewService';
import type { RouteContext } from './types';

/** `POST /guardrails/preview`: a definition's impact on the latest analysis, storing nothing. */
export function previewRoutes(
  { router, access }: RouteContext,
  preview: GuardrailPreviewService,
) {
  router.post('/guardrails/preview', async (req, res) => {
    await access.authorize(req, autonomyGuardrailPreviewPermission);
    res.json(await preview.preview(req.body.definition));
  });
}
