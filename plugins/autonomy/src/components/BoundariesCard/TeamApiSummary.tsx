import { Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  TeamApi,
  TeamInteraction,
} from '@aligned-autonomy/plugin-autonomy-common';
import {
  INTERACTION_MODE_LABELS,
  TEAM_TYPE_LABELS,
  todayIso,
} from '../shared/boundaryWords';

/** Only web and mail addresses link; a chat channel such as "#payments-help" stays text. */
const SupportChannel = ({ channel }: { channel: string }) =>
  /^(https?:|mailto:)/i.test(channel) ? (
    <Link to={channel} target="_blank" rel="noopener noreferrer">
      {channel}
    </Link>
  ) : (
    <>{channel}</>
  );

const Interaction = ({ interaction }: { interaction: TeamInteraction }) => {
  const { mode, teamRef, endsOn } = interaction;
  let until = '';
  if (endsOn)
    until = endsOn < todayIso() ? `, ended ${endsOn}` : `, until ${endsOn}`;
  return (
    <li>
      {INTERACTION_MODE_LABELS[mode]} with{' '}
      <EntityRefLink entityRef={teamRef} defaultKind="group" />
      {until}
    </li>
  );
};

/** A team's API: its type, where to ask it for help and how it works with other teams. */
export const TeamApiSummary = ({ teamApi }: { teamApi: TeamApi }) => (
  <>
    <Typography variant="body2">
      Team type:{' '}
      {teamApi.teamType ? TEAM_TYPE_LABELS[teamApi.teamType] : 'not declared'}
    </Typography>
    <Typography variant="body2">
      Support:{' '}
      {teamApi.supportChannel ? (
        <SupportChannel channel={teamApi.supportChannel} />
      ) : (
        'no channel declared'
      )}
    </Typography>
    {teamApi.interactions.length > 0 ? (
      <>
        <Typography variant="body2">Interactions:</Typography>
        <Typography
          variant="body2"
          component="ul"
          aria-label="Team interactions"
          style={{ marginTop: 0 }}
        >
          {teamApi.interactions.map(i => (
            <Interaction key={`${i.mode}-${i.teamRef}`} interaction={i} />
          ))}
        </Typography>
      </>
    ) : (
      <Typography variant="body2">Interactions: none declared</Typography>
    )}
  </>
);
