import { Grid } from '@material-ui/core';
import { BoundaryMap } from '../BoundaryMap';
import { OwnershipGaps } from '../OwnershipGaps';

/** The organisation's team boundaries: the map of dependencies between teams and the ownership gaps. */
export const BoundariesContent = () => (
  <Grid container spacing={3}>
    <Grid item xs={12}>
      <BoundaryMap />
    </Grid>
    <Grid item xs={12}>
      <OwnershipGaps />
    </Grid>
  </Grid>
);
