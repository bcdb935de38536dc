import type { ReactNode } from 'react';
import { Box, Typography } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  Exemption,
  GuardrailDefinition,
  GuardrailResult,
} from '@aligned-autonomy/plugin-autonomy-common';
import { Definitions } from './Definitions';
import { ExemptionDetails } from './ExemptionDetails';
import { FactList } from './FactList';
import { SafeLink } from './SafeLink';
import { formatDate } from './dates';

const modeText = (definition: GuardrailDefinition) => {
  if (definition.mode === 'warning')
    return 'Warning only: failures never block a level';
  if (definition.mode === 'grace')
    return definition.enforcedFrom
      ? `Enforced from ${formatDate(
          definition.enforcedFrom,
        )}; failures are warnings until then`
      : 'In a grace period: failures are warnings for now';
  return 'Enforced';
};

const Section = ({
  title,
  children,
}: {
  title: string;
  children: ReactNode;
}) => (
  <Box mt={2}>
    <Typography variant="overline" component="h4">
      {title}
    </Typography>
    {children}
  </Box>
);

/** Everything behind one result: the rationale, the message, the facts and any exemption. */
export const GuardrailDetails = ({
  result,
  definition,
  exemption,
}: {
  result: GuardrailResult;
  definition?: GuardrailDefinition;
  exemption?: Exemption;
}) => {
  const rationale = definition?.rationale;
  return (
    <Box pl={5} pr={2} pb={2}>
      {result.message && (
        <Typography variant="body2" paragraph>
          {result.message}
        </Typography>
      )}
      {definition?.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {definition.description}
        </Typography>
      )}
      {exemption && (
        <Section title="Exemption">
          <ExemptionDetails exemption={exemption} />
        </Section>
      )}
      {rationale && (
        <Section title="Why this guardrail">
          <Definitions
            label="Rationale"
            entries={[
              ['Why', rationale.why],
              ['Risk', rationale.risk],
              ['How to fix', rationale.howToFix],
              ['How to appeal', rationale.howToAppeal],
              [
                'Evidence',
                rationale.evidenceUrl && (
                  <SafeLink href={rationale.evidenceUrl} />
                ),
              ],
              [
                'Owner',
                rationale.ownerRef && (
                  <EntityRefLink entityRef={rationale.ownerRef} />
                ),
              ],
              ['Mode', definition && modeText(definition)],
            ]}
          />
        </Section>
      )}
      <Section title="Facts">
        <FactList facts={result.facts} />
      </Section>
    </Box>
  );
};
