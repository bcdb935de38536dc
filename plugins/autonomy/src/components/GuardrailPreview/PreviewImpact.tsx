import type { ReactNode } from 'react';
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
  GuardrailPreviewCounts,
  GuardrailPreviewGroup,
  GuardrailPreviewResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { FactList } from '../GuardrailScorecard/FactList';
import { formatLevel, plural } from '../GuardrailScorecard/format';
import { StateLabel } from '../GuardrailScorecard/StateLabel';
import { EvaluatedAt } from '../shared/EvaluatedAt';

const COLUMNS: (keyof GuardrailPreviewCounts)[] = [
  'applicable',
  'pass',
  'fail',
  'unknown',
  'warning',
  'exempt',
  'error',
];
const HEADINGS: Record<keyof GuardrailPreviewCounts, string> = {
  applicable: 'Applies to',
  pass: 'Pass',
  fail: 'Fail',
  unknown: 'Unknown',
  warning: 'Warning',
  exempt: 'Exempt',
  error: 'Error',
};

const levelText = (level: string) =>
  level === 'none' ? 'No level' : formatLevel(level);

const teamName = (ref: string) =>
  ref ? <EntityRefLink entityRef={ref} /> : 'No owner';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** Counts per team or per level, one row each; states no entity would be in are left out. */
const CountsTable = ({
  label,
  groups,
  name,
}: {
  label: string;
  groups: GuardrailPreviewGroup[];
  name: (key: string) => ReactNode;
}) => {
  const columns = COLUMNS.filter(
    c =>
      ['applicable', 'pass', 'fail'].includes(c) ||
      groups.some(g => g.counts[c] > 0),
  );
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>{label}</TableCell>
          {columns.map(c => (
            <TableCell key={c} align="right" style={NO_WRAP}>
              {HEADINGS[c]}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {groups.map(group => (
          <TableRow key={group.key}>
            <TableCell>{name(group.key)}</TableCell>
            {columns.map(c => (
              <TableCell key={c} align="right">
                {group.counts[c]}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** The headline: how many entities, and how they would fare. */
const Summary = ({ impact }: { impact: GuardrailPreviewResponse }) => {
  const { counts } = impact;
  const moved = impact.levelMoves.reduce(
    (n, m) => ({ up: n.up + m.up, down: n.down + m.down }),
    { up: 0, down: 0 },
  );
  return (
    <Box>
      <Typography variant="h6" component="h3">
        {impact.change === 'new' ? 'New guardrail' : 'Changed guardrail'}:{' '}
        {impact.guardrail.title} ({impact.guardrail.id}, level{' '}
        {formatLevel(impact.guardrail.level)})
      </Typography>
      <Typography variant="body1">
        It would apply to {plural(counts.applicable, 'entity', 'entities')}:{' '}
        {counts.pass} pass, {counts.fail} fail, {counts.unknown} unknown
        {counts.warning ? `, ${counts.warning} warning` : ''}
        {counts.exempt ? `, ${counts.exempt} exempt` : ''}
        {counts.error ? `, ${counts.error} error` : ''}.
      </Typography>
      <Typography variant="body1">
        Levels: {plural(moved.down, 'entity', 'entities')} would fall,{' '}
        {moved.up} would rise. Nothing has been stored or enforced.
      </Typography>
      {impact.evaluatedAt && <EvaluatedAt at={impact.evaluatedAt} />}
    </Box>
  );
};

/** The impact of a previewed guardrail: counts, failing examples and level moves. */
export const PreviewImpact = ({
  impact,
}: {
  impact: GuardrailPreviewResponse;
}) => (
  <Grid container spacing={2}>
    <Grid item xs={12}>
      <InfoCard title="Impact">
        <Summary impact={impact} />
      </InfoCard>
    </Grid>
    <Grid item xs={12} lg={7}>
      <InfoCard title="Per team">
        <CountsTable label="Team" groups={impact.byTeam} name={teamName} />
      </InfoCard>
    </Grid>
    <Grid item xs={12} lg={5}>
      <InfoCard title="Per current level">
        <CountsTable
          label="Level now"
          groups={impact.byLevel}
          name={key => (key === 'none' ? 'No level' : formatLevel(key))}
        />
      </InfoCard>
    </Grid>
    <Grid item xs={12} lg={6}>
      <InfoCard title="Failing examples">
        {impact.failing.length === 0 ? (
          <Typography variant="body2">No entity would fail it.</Typography>
        ) : (
          <Box component="ul" pl={2} m={0} aria-label="Failing examples">
            {impact.failing.map(example => (
              <Box component="li" key={example.entityRef} mb={2}>
                <Typography variant="body1" component="div">
                  <EntityRefLink entityRef={example.entityRef}>
                    {example.title}
                  </EntityRefLink>{' '}
                  <StateLabel state={example.result.state} />
                  {example.ownerRef && (
                    <Typography variant="body2" color="textSecondary">
                      Owner: <EntityRefLink entityRef={example.ownerRef} />
                    </Typography>
                  )}
                </Typography>
                {example.result.message && (
                  <Typography variant="body2">
                    {example.result.message}
                  </Typography>
                )}
                <FactList facts={example.result.facts} />
              </Box>
            ))}
          </Box>
        )}
      </InfoCard>
    </Grid>
    <Grid item xs={12} lg={6}>
      <InfoCard title="Level moves per team">
        {impact.levelMoves.length === 0 ? (
          <Typography variant="body2">No entity's level would move.</Typography>
        ) : (
          <Table size="small" aria-label="Level moves">
            <TableHead>
              <TableRow>
                <TableCell>Team</TableCell>
                <TableCell>Entity</TableCell>
                <TableCell>Now</TableCell>
                <TableCell>With the guardrail</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {impact.levelMoves.flatMap(team =>
                team.entities.map((move, i) => (
                  <TableRow key={`${team.teamRef} ${move.entityRef}`}>
                    <TableCell>
                      {i === 0 && (
                        <>
                          {teamName(team.teamRef)}
                          <Typography variant="body2" color="textSecondary">
                            {team.down} down, {team.up} up
                          </Typography>
                        </>
                      )}
                    </TableCell>
                    <TableCell>
                      <EntityRefLink entityRef={move.entityRef}>
                        {move.title}
                      </EntityRefLink>
                    </TableCell>
                    <TableCell style={NO_WRAP}>
                      {move.from === undefined
                        ? 'Not evaluated'
                        : levelText(move.from)}
                    </TableCell>
                    <TableCell style={NO_WRAP}>{levelText(move.to)}</TableCell>
                  </TableRow>
                )),
              )}
            </TableBody>
          </Table>
        )}
      </InfoCard>
    </Grid>
  </Grid>
);
