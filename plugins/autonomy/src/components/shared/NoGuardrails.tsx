import { Box, Typography } from '@material-ui/core';
import { CodeSnippet } from '@backstage/core-components';
import {
  STARTER_GUARDRAILS_CONFIG,
  type NoGuardrailsScorecard,
} from '@aligned-autonomy/plugin-autonomy-common';
import { plural } from '../GuardrailScorecard/format';

/**
 * No guardrail is configured at all: say so, and offer a starter configuration to copy, instead
 * of empty levels and scores that look like a failure.
 */
export const NoGuardrailsConfigured = () => (
  <>
    <Typography variant="subtitle1" component="h3">
      No guardrails configured yet
    </Typography>
    <Typography variant="body2" color="textSecondary" paragraph>
      Guardrails are defined as code under <code>autonomy.guardrails</code> in
      your <code>app-config.yaml</code>. Until there is one, no entity has a
      level or a score. This starter set works on any catalog without pushed
      facts: copy it, restart the backend, and the next analysis (a few minutes,
      or Refresh) fills the scorecards.
    </Typography>
    <CodeSnippet
      text={STARTER_GUARDRAILS_CONFIG}
      language="yaml"
      showCopyCodeButton
    />
  </>
);

/** Guardrails exist, but none matches this entity: nothing to meet here, which is not a failure. */
export const NoGuardrailApplies = ({
  guardrailCount,
  kind,
}: {
  guardrailCount: number;
  kind: string;
}) => (
  <>
    <Typography variant="subtitle1" component="h3">
      No guardrail applies to this entity
    </Typography>
    <Typography variant="body2" color="textSecondary" paragraph>
      None of the organisation&apos;s {plural(guardrailCount, 'guardrail')}{' '}
      matches it, so it has no level and no score; that is not a failure. A
      guardrail applies through its <code>appliesTo</code> filter (kind, type,
      lifecycle, tier, tags, annotations). To hold entities like this one to a
      standard, add a guardrail whose filter matches them, for example:
    </Typography>
    <Box maxWidth={480}>
      <CodeSnippet
        text={`appliesTo: { kind: [${kind.toLocaleLowerCase('en-US')}] }`}
        language="yaml"
        showCopyCodeButton
      />
    </Box>
  </>
);

/** Why an entity has no scorecard, as the backend answered it. */
export const NoScorecard = ({ none }: { none: NoGuardrailsScorecard }) =>
  none.status === 'no-guardrails-configured' ? (
    <NoGuardrailsConfigured />
  ) : (
    <NoGuardrailApplies
      guardrailCount={none.guardrailCount}
      kind={none.entityRef.split(':')[0]}
    />
  );
