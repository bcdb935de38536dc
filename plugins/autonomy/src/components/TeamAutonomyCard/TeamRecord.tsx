import type {
  TeamAutonomyResponse,
  TeamLoad,
} from '@aligned-autonomy/plugin-autonomy-common';
import { capitalise } from '../shared/boundaryWords';
import { Figures } from './Figures';

/** "silver: 3, none: 1" as "Silver 3 · No level 1", in the order the backend gave. */
const byLevel = (servicesByLevel: Record<string, number>) =>
  Object.entries(servicesByLevel)
    .map(
      ([level, n]) =>
        `${level === 'none' ? 'No level' : capitalise(level)} ${n}`,
    )
    .join(' · ');

/** The record the autonomy level is earned from. */
export const TeamRecord = ({
  record,
}: {
  record: TeamAutonomyResponse['record'];
}) => {
  const levels = byLevel(record.servicesByLevel);
  return (
    <Figures
      label="Record"
      items={[
        ['Services', record.services],
        ...(levels ? [['By level', levels] as [string, string]] : []),
        ['Boundary violations', record.boundaryViolations],
        ['Open exemptions', record.openExemptions],
      ]}
    />
  );
};

/** How much the team carries. */
export const TeamLoadFigures = ({ load }: { load: TeamLoad }) => (
  <Figures
    label="Load"
    items={[
      ['Owned entities', load.ownedEntities],
      ['Members', load.members],
      [
        'Per member',
        load.perMember === null
          ? 'no members'
          : load.perMember.toLocaleString('en-US', {
              maximumFractionDigits: 1,
            }),
      ],
      ['Inbound dependencies', load.inboundDependencies],
      ['Outbound dependencies', load.outboundDependencies],
    ]}
  />
);
