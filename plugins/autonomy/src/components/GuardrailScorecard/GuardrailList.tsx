import { useMemo, useState } from 'react';
import { Box, Button, Typography } from '@material-ui/core';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  autonomyExemptionCreatePermission,
  type EntityScorecardResponse,
  type Exemption,
  type GuardrailDefinition,
  type GuardrailResult,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import { GuardrailRow } from './GuardrailRow';
import { ExemptionDialog } from './ExemptionDialog';

/** Problems first, then exemptions and passes; definition order within a state. */
const ORDER: Record<GuardrailState, number> = {
  error: 0,
  fail: 1,
  unknown: 2,
  warning: 3,
  exempt: 4,
  pass: 5,
  'not-applicable': 6,
};

function exemptionOf(
  result: GuardrailResult,
  exemptions: Exemption[],
): Exemption | undefined {
  if (result.exemptionId)
    return exemptions.find(e => e.id === result.exemptionId);
  if (result.state !== 'exempt') return undefined;
  return exemptions.find(
    e => e.guardrailId === result.guardrailId && e.status === 'active',
  );
}

/** The guardrails of one entity; not-applicable ones behind a toggle. */
export const GuardrailList = ({
  scorecard,
  definitions,
  onChanged,
}: {
  scorecard: EntityScorecardResponse;
  definitions: Map<string, GuardrailDefinition>;
  onChanged: () => void;
}) => {
  const alertApi = useApi(alertApiRef);
  const [showNotApplicable, setShowNotApplicable] = useState(false);
  const [requesting, setRequesting] = useState<{ id: string; title: string }>();
  // Offer the request only to those the policy lets create one (the backend checks again).
  const { allowed: mayRequest } = usePermission({
    permission: autonomyExemptionCreatePermission,
    resourceRef: scorecard.entityRef,
  });

  const sorted = useMemo(
    () =>
      scorecard.results
        .map((result, index) => ({ result, index }))
        .sort(
          (a, b) =>
            ORDER[a.result.state] - ORDER[b.result.state] || a.index - b.index,
        )
        .map(({ result }) => result),
    [scorecard.results],
  );
  const applicable = sorted.filter(r => r.state !== 'not-applicable');
  const notApplicable = sorted.filter(r => r.state === 'not-applicable');
  const shown = showNotApplicable ? sorted : applicable;

  const row = (result: GuardrailResult) => {
    const definition = definitions.get(result.guardrailId);
    const title = definition?.title ?? result.guardrailId;
    return (
      <GuardrailRow
        key={result.guardrailId}
        result={result}
        definition={definition}
        exemption={exemptionOf(result, scorecard.exemptions)}
        onRequestExemption={
          mayRequest
            ? () => setRequesting({ id: result.guardrailId, title })
            : undefined
        }
      />
    );
  };

  return (
    <>
      {applicable.length === 0 && (
        <Box my={2}>
          <Typography variant="subtitle1" component="h3">
            No guardrails apply
          </Typography>
          <Typography variant="body2" color="textSecondary">
            None of the organisation's guardrails select this entity, so it has
            no score or level.
          </Typography>
        </Box>
      )}
      {shown.length > 0 && (
        <Box component="ul" p={0} m={0} aria-label="Guardrails">
          {shown.map(row)}
        </Box>
      )}
      {notApplicable.length > 0 && (
        <Box mt={1}>
          <Button size="small" onClick={() => setShowNotApplicable(s => !s)}>
            {showNotApplicable
              ? `Hide ${notApplicable.length} not applicable`
              : `Show ${notApplicable.length} not applicable`}
          </Button>
        </Box>
      )}
      {requesting && (
        <ExemptionDialog
          open
          entityRef={scorecard.entityRef}
          guardrail={requesting}
          onClose={() => setRequesting(undefined)}
          onCreated={() => {
            setRequesting(undefined);
            alertApi.post({
              message: `Exemption from "${requesting.title}" created`,
              severity: 'success',
              display: 'transient',
            });
            onChanged();
          }}
        />
      )}
    </>
  );
};
