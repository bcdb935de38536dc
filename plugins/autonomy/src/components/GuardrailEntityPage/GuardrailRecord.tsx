import {
  Box,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  GuardrailDetailResponse,
  GuardrailPassRate,
  ScorecardListResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { formatLevel, formatShare } from '../GuardrailScorecard/format';
import { Sparkline } from '../GuardrailScorecard/Sparkline';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { OptOutList, TighteningList } from '../shared/TeamDecisions';

const TYPE_WORDS = {
  required: 'Required by the organisation: no opting out, exemptions only',
  recommended:
    'Recommended by the organisation: a team may opt out with a written reason',
  team: 'A team standard: applies only to what its owner owns',
};

const MODE_WORDS: Record<
  GuardrailDetailResponse['guardrail']['mode'],
  (enforcedFrom?: string) => string
> = {
  enforced: () => 'enforced',
  warning: () => 'warning only',
  grace: enforcedFrom => `enforced from ${enforcedFrom}`,
};

const shareText = (rate: GuardrailPassRate) =>
  rate.metShare === null
    ? 'No results'
    : `${formatShare(rate.metShare)} met (${rate.total} results)`;

/** Which entities a guardrail applies to, in words. */
function appliesToText(g: GuardrailDetailResponse['guardrail']) {
  const parts = Object.entries(g.appliesTo)
    .filter(([, values]) => values && values.length)
    .map(([field, values]) => `${field}: ${(values as string[]).join(', ')}`);
  return parts.length ? parts.join('; ') : 'Every entity';
}

/** What the guardrail asks and why: rationale, owner, where it applies. */
const About = ({ detail }: { detail: GuardrailDetailResponse }) => {
  const g = detail.guardrail;
  const r = g.rationale;
  return (
    <InfoCard title="Why and where">
      <Typography variant="body1" paragraph>
        {r.why}
      </Typography>
      {r.risk && (
        <Typography variant="body2" paragraph>
          <strong>Risk:</strong> {r.risk}
        </Typography>
      )}
      {r.howToFix && (
        <Typography variant="body2" paragraph>
          <strong>How to fix:</strong> {r.howToFix}
        </Typography>
      )}
      {r.howToAppeal && (
        <Typography variant="body2" paragraph>
          <strong>How to appeal:</strong> {r.howToAppeal}
        </Typography>
      )}
      <Typography variant="body2">
        <strong>Owner:</strong>{' '}
        {g.ownerRef ? <EntityRefLink entityRef={g.ownerRef} /> : 'none given'}
      </Typography>
      <Typography variant="body2">
        <strong>Kind:</strong> {TYPE_WORDS[g.type ?? 'required']}
      </Typography>
      <Typography variant="body2">
        <strong>Applies to:</strong> {appliesToText(g)}
      </Typography>
      <Typography variant="body2">
        <strong>Level:</strong> {formatLevel(g.level)} · weight {g.weight} ·{' '}
        {MODE_WORDS[g.mode](g.enforcedFrom)}
      </Typography>
    </InfoCard>
  );
};

/** The pass rate overall, over time and per team, lowest first. */
const PassRates = ({ detail }: { detail: GuardrailDetailResponse }) => (
  <InfoCard title="Pass rate">
    <Typography variant="h5" component="p">
      {shareText(detail.overall)}
    </Typography>
    {detail.history.length >= 2 && (
      <Box mt={1} aria-label="Pass rate over time">
        <Sparkline
          points={detail.history.map(p => ({
            day: p.day,
            score: p.metShare === null ? null : p.metShare * 100,
          }))}
          width={240}
        />
      </Box>
    )}
    <Table size="small" aria-label="Pass rate per team">
      <TableHead>
        <TableRow>
          <TableCell>Team</TableCell>
          <TableCell align="right">Met</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {detail.teams.map(team => (
          <TableRow key={team.ownerRef ?? ''}>
            <TableCell>
              {team.ownerRef ? (
                <EntityRefLink entityRef={team.ownerRef} />
              ) : (
                'No owner'
              )}
            </TableCell>
            <TableCell align="right">{shareText(team)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </InfoCard>
);

/** Open exemptions, teams' opt-outs and tightenings, and problems the analysis found. */
const Decisions = ({ detail }: { detail: GuardrailDetailResponse }) => (
  <InfoCard title="Exemptions, opt-outs and tightenings">
    <Typography variant="overline" component="h3">
      Open exemptions
    </Typography>
    {detail.exemptions.length === 0 ? (
      <Typography variant="body2">No open exemption.</Typography>
    ) : (
      <Box component="ul" pl={2} m={0} aria-label="Open exemptions">
        {detail.exemptions.map(e => (
          <li key={e.id}>
            <Typography variant="body2">
              <EntityRefLink entityRef={e.entityRef} /> until{' '}
              {e.expiresAt.slice(0, 10)}: “{e.reason}”
            </Typography>
          </li>
        ))}
      </Box>
    )}
    <Typography variant="overline" component="h3">
      Opted out
    </Typography>
    <OptOutList optOuts={detail.optOuts} />
    <Typography variant="overline" component="h3">
      Tightened
    </Typography>
    <TighteningList tightenings={detail.tightenings} />
    {detail.problems.length > 0 && (
      <>
        <Typography variant="overline" component="h3">
          Problems
        </Typography>
        <Box component="ul" pl={2} m={0} aria-label="Problems">
          {detail.problems.map(p => (
            <li key={p.message}>
              <Typography variant="body2" color="error">
                {p.message}
              </Typography>
            </li>
          ))}
        </Box>
      </>
    )}
  </InfoCard>
);

/** The entities failing it now. */
const Failing = ({ failing }: { failing?: ScorecardListResponse }) => (
  <InfoCard
    title="Failing entities"
    subheader={failing ? `${failing.total} failing or unknown` : undefined}
  >
    {!failing || failing.items.length === 0 ? (
      <Typography variant="body2">No entity fails it.</Typography>
    ) : (
      <Table size="small" aria-label="Failing entities">
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Level</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {failing.items.map(item => (
            <TableRow key={item.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={item.entityRef}>
                  {item.title}
                </EntityRefLink>
              </TableCell>
              <TableCell>
                {item.ownerRef ? (
                  <EntityRefLink entityRef={item.ownerRef} />
                ) : (
                  'No owner'
                )}
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {item.level ? formatLevel(item.level) : 'No level'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </InfoCard>
);

/** Everything a guardrail's page shows, from its record. */
export const GuardrailRecord = ({
  detail,
  failing,
}: {
  detail: GuardrailDetailResponse;
  failing?: ScorecardListResponse;
}) => (
  <Grid container spacing={2}>
    <Grid item xs={12} md={6}>
      <About detail={detail} />
    </Grid>
    <Grid item xs={12} md={6}>
      <PassRates detail={detail} />
    </Grid>
    <Grid item xs={12} md={6}>
      <Failing failing={failing} />
    </Grid>
    <Grid item xs={12} md={6}>
      <Decisions detail={detail} />
    </Grid>
    {detail.evaluatedAt && (
      <Grid item xs={12}>
        <EvaluatedAt at={detail.evaluatedAt} />
      </Grid>
    )}
  </Grid>
);
