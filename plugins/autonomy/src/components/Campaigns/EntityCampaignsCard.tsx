import { List, ListItem, ListItemText } from '@material-ui/core';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import type { CampaignSummary } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { useAutonomyPath } from '../shared/useAutonomyPath';
import { campaignPath, deadlineLabel, doneLabel } from './campaignWords';

/** The line of one campaign: the team's figures on a team page, the overall ones elsewhere. */
function describe(
  c: CampaignSummary,
  teamRef: string | undefined,
  today: string,
) {
  // References compare without case.
  const lower = (r: string) => r.toLocaleLowerCase('en-US');
  const team =
    teamRef && c.teams.find(t => lower(t.teamRef) === lower(teamRef));
  const figures = team
    ? `${doneLabel(team.done, team.total)} of this team's entities (${doneLabel(
        c.done,
        c.total,
      )} overall)`
    : doneLabel(c.done, c.total);
  const primary = `Campaign ${c.title} — ${deadlineLabel(
    c,
    today,
  )}: ${figures}`;
  let secondary: string | undefined;
  if (c.entity)
    secondary = c.entity.done
      ? 'This entity is done.'
      : `This entity still fails: ${c.entity.failingGuardrailIds.join(', ')}`;
  else if (team && team.done < team.total)
    secondary = 'This team is behind: the campaign page lists what to fix.';
  return { primary, secondary };
}

/**
 * The campaigns that concern the entity on its page: on a team (Group) page those with the team's
 * entities in scope, on any other page those that target the entity. Renders nothing when none do.
 * @public
 */
export const EntityCampaignsCard = () => {
  const { entity } = useEntity();
  const api = useApi(autonomyApiRef);
  const autonomyPath = useAutonomyPath();
  const ref = stringifyEntityRef(entity);
  const isTeam = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const { value, loading, error } = useAsync(
    () => api.listCampaigns(isTeam ? { teamRef: ref } : { entityRef: ref }),
    [api, ref, isTeam],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value!.items.length) return null;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <InfoCard title="Campaigns">
      <List dense disablePadding>
        {value!.items.map(c => {
          const { primary, secondary } = describe(
            c,
            isTeam ? ref : undefined,
            today,
          );
          return (
            <ListItem key={c.ref} disableGutters>
              <ListItemText
                primary={
                  <Link to={campaignPath(autonomyPath, c.ref)}>{primary}</Link>
                }
                secondary={secondary}
              />
            </ListItem>
          );
        })}
      </List>
    </InfoCard>
  );
};
