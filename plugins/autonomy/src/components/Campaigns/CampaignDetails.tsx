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
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import type {
  CampaignResponse,
  CampaignTeamBehind,
} from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { StateLabel } from '../GuardrailScorecard/StateLabel';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { isNotFound } from '../shared/isNotFound';
import { MissionMarkdown } from '../shared/MissionMarkdown';
import { NotAnalysedYet } from '../shared/NotAnalysedYet';
import { useAutonomyPath } from '../shared/useAutonomyPath';
import { BurnupChart } from './BurnupChart';
import { CampaignProgress } from './CampaignProgress';
import { deadlineLabel, teamName } from './campaignWords';

const TeamBehind = ({
  team,
  titles,
}: {
  team: CampaignTeamBehind;
  /** Guardrail titles by id. */
  titles: Map<string, string>;
}) => (
  <Box
    mb={3}
    component="section"
    aria-label={`${teamName(team.teamRef)}: what to fix`}
  >
    <Box display="flex" alignItems="center" mb={1}>
      <Box mr={2}>
        {team.teamRef ? (
          <EntityRefLink entityRef={team.teamRef} defaultKind="group" />
        ) : (
          <Typography>No owner</Typography>
        )}
      </Box>
      <CampaignProgress
        done={team.done}
        total={team.total}
        label={`${teamName(team.teamRef)}: entities done`}
      />
    </Box>
    <Table size="small" aria-label={`What ${teamName(team.teamRef)} must fix`}>
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Guardrail</TableCell>
          <TableCell>State</TableCell>
          <TableCell>How to fix</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {team.fixes.map(fix => (
          <TableRow key={`${fix.entityRef} ${fix.guardrailId}`}>
            <TableCell>
              <EntityRefLink entityRef={fix.entityRef} title={fix.title} />
            </TableCell>
            <TableCell>
              {titles.get(fix.guardrailId) ?? fix.guardrailId}
            </TableCell>
            <TableCell>
              <StateLabel state={fix.state} />
              {fix.message && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="p"
                >
                  {fix.message}
                </Typography>
              )}
            </TableCell>
            <TableCell>{fix.howToFix ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </Box>
);

/** A campaign's page: what and why, its burn-up overall and per team, and what each team behind must fix. */
export const CampaignView = ({ campaign }: { campaign: CampaignResponse }) => {
  const today = new Date().toISOString().slice(0, 10);
  const unknown = campaign.guardrails.filter(g => !g.known);
  const titles = new Map(campaign.guardrails.map(g => [g.id, g.title ?? g.id]));
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={5}>
        <InfoCard
          title={campaign.title}
          subheader={deadlineLabel(campaign, today)}
        >
          <CampaignProgress
            done={campaign.done}
            total={campaign.total}
            label={`${campaign.title}: entities done`}
          />
          <Box mt={2}>
            <MissionMarkdown content={campaign.why} />
          </Box>
          <Typography variant="overline" component="h3">
            Guardrails
          </Typography>
          <ul>
            {campaign.guardrails.map(g => (
              <li key={g.id}>
                <Typography variant="body2">
                  {g.title ?? g.id}
                  {!g.known && ' — no guardrail has this id'}
                </Typography>
              </li>
            ))}
          </ul>
          {unknown.length > 0 && (
            <Typography variant="body2" color="error">
              Unknown guardrails count for no entity; fix the campaign's
              spec.guardrails.
            </Typography>
          )}
          <Typography variant="body2">
            Owner:{' '}
            <EntityRefLink entityRef={campaign.ownerRef} defaultKind="group" />
            {' · '}
            {campaign.enforced
              ? 'Enforced for the targeted entities.'
              : 'Warnings for the targeted entities until the deadline.'}
          </Typography>
          {campaign.evaluatedAt && <EvaluatedAt at={campaign.evaluatedAt} />}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          title="Burn-up"
          subheader="Entities done (line) of those in scope (dashed), per day"
        >
          <BurnupChart
            points={campaign.burnup}
            deadline={campaign.deadline}
            title="overall"
          />
          {campaign.teamBurnups.length > 0 && (
            <Grid container spacing={2}>
              {campaign.teamBurnups.map(team => (
                <Grid item xs={12} sm={6} key={team.teamRef}>
                  <Typography variant="subtitle2">
                    {teamName(team.teamRef)}
                  </Typography>
                  <BurnupChart
                    points={team.points}
                    deadline={campaign.deadline}
                    title={teamName(team.teamRef)}
                    width={280}
                    height={120}
                  />
                </Grid>
              ))}
            </Grid>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Teams behind and what each must fix">
          {campaign.behind.length === 0 ? (
            <Typography variant="body2">
              Every team is done
              {campaign.total ? '' : ' (no entity is in scope yet)'}.
            </Typography>
          ) : (
            campaign.behind.map(team => (
              <TeamBehind key={team.teamRef} team={team} titles={titles} />
            ))
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
};

/** Loads and shows one campaign (by namespace and name). */
export const CampaignDetails = ({
  namespace,
  name,
}: {
  namespace: string;
  name: string;
}) => {
  const api = useApi(autonomyApiRef);
  const autonomyPath = useAutonomyPath();
  const { value, loading, error } = useAsync(
    () => api.getCampaign({ kind: 'campaign', namespace, name }),
    [api, namespace, name],
  );
  const back = <Link to={`${autonomyPath}/campaigns`}>All campaigns</Link>;
  if (loading) return <Progress />;
  if (error && isNotFound(error))
    return (
      <>
        <NotAnalysedYet>
          No campaign {namespace}/{name} in the last analysis: it is not in the
          catalog, or was added since.
        </NotAnalysedYet>
        {back}
      </>
    );
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <>
      <Box mb={2}>{back}</Box>
      <CampaignView campaign={value!} />
    </>
  );
};
