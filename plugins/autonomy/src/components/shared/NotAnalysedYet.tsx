import type { ReactNode } from 'react';
import { Typography } from '@material-ui/core';

/** The backend answered 404: no analysis for this entity yet. Guidance, not an error. */
export const NotAnalysedYet = ({ children }: { children: ReactNode }) => (
  <>
    <Typography variant="subtitle1" component="h3">
      Not analysed yet
    </Typography>
    <Typography variant="body2" color="textSecondary">
      {children}
    </Typography>
  </>
);
