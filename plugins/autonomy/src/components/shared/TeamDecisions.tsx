import { Box, Typography } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  GuardrailOptOut,
  GuardrailTightening,
} from '@aligned-autonomy/plugin-autonomy-common';

const OPERATOR_WORDS: Record<GuardrailTightening['operator'], string> = {
  greaterThan: 'more than',
  greaterThanOrEqual: 'at least',
  lessThan: 'less than',
  lessThanOrEqual: 'at most',
  newerThanDays: 'newer than (days)',
  olderThanDays: 'older than (days)',
};

const day = (at: string) => at.slice(0, 10);

/** Opt-outs from recommended guardrails: which, by whom, for what, why and since when. */
export const OptOutList = ({ optOuts }: { optOuts: GuardrailOptOut[] }) =>
  optOuts.length === 0 ? (
    <Typography variant="body2">No opt-outs.</Typography>
  ) : (
    <Box component="ul" pl={2} m={0} aria-label="Opt-outs">
      {optOuts.map(o => (
        <li key={`${o.guardrailId} ${o.declaredOn}`}>
          <Typography variant="body2">
            <strong>{o.guardrailId}</strong>:{' '}
            <EntityRefLink entityRef={o.teamRef} />
            {o.entityRef ? (
              <>
                {' '}
                for <EntityRefLink entityRef={o.entityRef} />
              </>
            ) : (
              ' for everything it owns'
            )}
            , since {day(o.since)}. “{o.reason}”
          </Typography>
        </li>
      ))}
    </Box>
  );

/** Stricter thresholds a team set itself on the organisation's guardrails. */
export const TighteningList = ({
  tightenings,
}: {
  tightenings: GuardrailTightening[];
}) =>
  tightenings.length === 0 ? (
    <Typography variant="body2">No tightened thresholds.</Typography>
  ) : (
    <Box component="ul" pl={2} m={0} aria-label="Tightenings">
      {tightenings.map(t => (
        <li
          key={`${t.guardrailId} ${t.teamRef} ${t.entityRef ?? ''} ${t.fact}`}
        >
          <Typography variant="body2">
            <strong>{t.guardrailId}</strong>: {t.fact}{' '}
            {OPERATOR_WORDS[t.operator]} {t.value}, set by{' '}
            <EntityRefLink entityRef={t.teamRef} />
            {t.entityRef && (
              <>
                {' '}
                for <EntityRefLink entityRef={t.entityRef} />
              </>
            )}
            , since {day(t.since)}
          </Typography>
        </li>
      ))}
    </Box>
  );
