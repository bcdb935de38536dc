import type { Exemption } from '@aligned-autonomy/plugin-autonomy-common';
import { ActorLink } from './ActorLink';
import { Definitions } from './Definitions';
import { SafeLink } from './SafeLink';
import { formatDate } from './dates';

/** The exemption covering a guardrail: why, until when, and who asked for it. */
export const ExemptionDetails = ({ exemption }: { exemption: Exemption }) => (
  <Definitions
    label="Exemption"
    entries={[
      ['Reason', exemption.reason],
      [
        'Expires',
        <>
          <time dateTime={exemption.expiresAt} title={exemption.expiresAt}>
            {formatDate(exemption.expiresAt)}
          </time>
          {exemption.status !== 'active' && ` (${exemption.status})`}
        </>,
      ],
      [
        'Requested by',
        <>
          <ActorLink actor={exemption.createdBy} /> on{' '}
          <time dateTime={exemption.createdAt} title={exemption.createdAt}>
            {formatDate(exemption.createdAt)}
          </time>
        </>,
      ],
      ['Compensating control', exemption.compensatingControl],
      [
        'Decision record',
        exemption.decisionRecordUrl && (
          <SafeLink href={exemption.decisionRecordUrl} />
        ),
      ],
    ]}
  />
);
