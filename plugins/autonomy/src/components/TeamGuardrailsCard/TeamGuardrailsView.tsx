import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  TeamGuardrailSummary,
  TeamGuardrailsResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { GuardrailHalves, teamHalf } from '../GuardrailHalves';
import { formatLevel, formatShare } from '../GuardrailScorecard/format';
import { Section } from '../shared/Section';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { OptOutList, TighteningList } from '../shared/TeamDecisions';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

const metText = (s: TeamGuardrailSummary) =>
  s.passRate.metShare === null
    ? 'no results'
    : `${formatShare(s.passRate.metShare)} of ${s.passRate.total} met`;

/** Guardrails with the team's results: title, level and the share met. */
const GuardrailTable = ({
  label,
  rows,
}: {
  label: string;
  rows: TeamGuardrailSummary[];
}) => (
  <Table size="small" aria-label={label}>
    <TableHead>
      <TableRow>
        <TableCell>Guardrail</TableCell>
        <TableCell>Level</TableCell>
        <TableCell align="right">Met</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {rows.map(row => (
        <TableRow key={row.guardrail.id}>
          <TableCell>
            {row.guardrail.entityRef ? (
              <EntityRefLink entityRef={row.guardrail.entityRef}>
                {row.guardrail.title}
              </EntityRefLink>
            ) : (
              row.guardrail.title
            )}
            {row.guardrail.type === 'recommended' && (
              <Typography variant="caption" color="textSecondary">
                {' '}
                (recommended)
              </Typography>
            )}
          </TableCell>
          <TableCell style={NO_WRAP}>
            {formatLevel(row.guardrail.level)}
          </TableCell>
          <TableCell align="right" style={NO_WRAP}>
            {metText(row)}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/**
 * A team's guardrails in its own words: the aligned half (the organisation's guardrails) beside
 * the autonomous half (its own standards), the standards it chose, and what it decided about the
 * organisation's: opt-outs with their reasons and stricter thresholds.
 */
export const TeamGuardrailsView = ({
  guardrails,
}: {
  guardrails: TeamGuardrailsResponse;
}) => (
  <Box>
    <GuardrailHalves
      aligned={teamHalf(guardrails.aligned)}
      autonomous={teamHalf(guardrails.autonomous)}
    />
    <Section title="Our standards">
      {guardrails.standards.length ? (
        <GuardrailTable label="Our standards" rows={guardrails.standards} />
      ) : (
        <Typography variant="body2">
          No standards of our own yet: a Guardrail entity of type team, owned by
          this group, adds one.
        </Typography>
      )}
    </Section>
    {guardrails.organisation && guardrails.organisation.length > 0 && (
      <Section title="The organisation's guardrails">
        <GuardrailTable
          label="The organisation's guardrails"
          rows={guardrails.organisation}
        />
      </Section>
    )}
    <Section title="Opted out">
      <OptOutList optOuts={guardrails.optOuts} />
    </Section>
    <Section title="Tightened">
      <TighteningList tightenings={guardrails.tightenings} />
    </Section>
    {guardrails.evaluatedAt && <EvaluatedAt at={guardrails.evaluatedAt} />}
  </Box>
);
