import { WarningPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { TeamBoundariesResponse } from '@aligned-autonomy/plugin-autonomy-common';
import { plural } from '../shared/boundaryWords';

/** Collaborations are time-boxed: those past their end date need a new mode or a new date. */
export const ExpiredCollaborations = ({
  items,
}: {
  items: TeamBoundariesResponse['expiredCollaborations'];
}) =>
  items.length === 0 ? null : (
    <WarningPanel
      severity="warning"
      title={plural(items.length, 'expired collaboration')}
      defaultExpanded
    >
      <ul>
        {items.map(c => (
          <li key={c.teamRef}>
            Collaboration with{' '}
            <EntityRefLink entityRef={c.teamRef} defaultKind="group" /> ended on{' '}
            {c.endsOn}: move to X-as-a-Service or agree a new end date.
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
