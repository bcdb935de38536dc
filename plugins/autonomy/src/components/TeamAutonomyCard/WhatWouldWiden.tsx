import { Typography } from '@material-ui/core';
import type { TeamAutonomyResponse } from '@aligned-autonomy/plugin-autonomy-common';
import { capitalise } from '../shared/boundaryWords';

/** The way to more autonomy: what the next level needs, and what the team would then decide alone. */
export const WhatWouldWiden = ({
  nextLevel,
}: {
  nextLevel: TeamAutonomyResponse['nextLevel'];
}) => {
  if (!nextLevel) {
    return (
      <Typography variant="body2">
        Highest level reached: the team decides everything the levels allow.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">
        Next level: <strong>{nextLevel.title}</strong>
      </Typography>
      {nextLevel.missing.length > 0 && (
        <>
          <Typography variant="body2">It needs:</Typography>
          <Typography
            variant="body2"
            component="ul"
            aria-label="Missing for the next level"
            style={{ marginTop: 0 }}
          >
            {nextLevel.missing.map(m => (
              <li key={m}>{capitalise(m)}</li>
            ))}
          </Typography>
        </>
      )}
      {nextLevel.wouldBecomeLocal.length > 0 && (
        <>
          <Typography variant="body2">Then the team decides alone:</Typography>
          <Typography
            variant="body2"
            component="ul"
            aria-label="Decisions that would become the team's own"
            style={{ marginTop: 0 }}
          >
            {nextLevel.wouldBecomeLocal.map(d => (
              <li key={d}>{d}</li>
            ))}
          </Typography>
        </>
      )}
    </>
  );
};
