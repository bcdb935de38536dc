import { Breadcrumbs, Typography } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { MissionSummary } from '@aligned-autonomy/plugin-autonomy-common';

/** The chain as a path from the north star down to the entity's own mission. */
export const MissionChainPath = ({
  chain,
  reachesNorthStar,
}: {
  chain: MissionSummary[];
  reachesNorthStar: boolean;
}) => {
  const topDown = [...chain].reverse();
  return (
    // Breadcrumbs renders the <nav> landmark itself; the label names it.
    <Breadcrumbs
      aria-label="Mission chain from the north star"
      separator="›"
      maxItems={8}
    >
      {!reachesNorthStar && (
        <Typography color="error" variant="body2">
          (chain broken)
        </Typography>
      )}
      {topDown.map((mission, i) => (
        <span key={mission.ref}>
          {i === 0 && reachesNorthStar && (
            <Typography component="span" variant="caption">
              North star:{' '}
            </Typography>
          )}
          <EntityRefLink entityRef={mission.ref} title={mission.title} />
        </span>
      ))}
    </Breadcrumbs>
  );
};
