import { Typography } from '@material-ui/core';

/** Data freshness: when the backend last analysed the catalog. */
export const EvaluatedAt = ({ at }: { at: string }) => (
  <Typography variant="caption" color="textSecondary" component="p">
    Evaluated{' '}
    <time dateTime={at} title={at}>
      {new Date(at).toLocaleString('en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
      })}
    </time>
  </Typography>
);
