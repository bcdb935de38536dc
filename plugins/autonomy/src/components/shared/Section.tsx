import type { ReactNode } from 'react';
import { Box, Typography } from '@material-ui/core';

/** A titled section inside a card, announced as a region with its title. */
export const Section = ({
  title,
  children,
}: {
  title: string;
  children: ReactNode;
}) => (
  <Box mt={2} component="section" aria-label={title}>
    <Typography variant="overline" component="h3">
      {title}
    </Typography>
    {children}
  </Box>
);
