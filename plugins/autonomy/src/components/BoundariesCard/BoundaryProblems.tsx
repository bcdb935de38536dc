import { Fragment } from 'react';
import { WarningPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { BoundaryProblem } from '@aligned-autonomy/plugin-autonomy-common';
import { PROBLEM_LABELS, plural } from '../shared/boundaryWords';

/** A cycle as links round the loop, back to where it started. */
const CyclePath = ({ refs }: { refs: string[] }) => (
  <>
    {[...refs, refs[0]].map((ref, i) => (
      <Fragment key={`${ref}-${i}`}>
        {i > 0 && ' → '}
        <EntityRefLink entityRef={ref} />
      </Fragment>
    ))}
  </>
);

/** What the boundary analysis could not follow, open from the start so nobody misses it. */
export const BoundaryProblems = ({
  problems,
}: {
  problems: BoundaryProblem[];
}) =>
  problems.length === 0 ? null : (
    <WarningPanel
      severity="warning"
      title={plural(problems.length, 'boundary problem')}
      defaultExpanded
    >
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.type}-${p.entityRef}-${i}`}>
            <strong>{PROBLEM_LABELS[p.type]}</strong>: {p.message}
            {p.type === 'dependency-cycle' && p.refs.length > 0 && (
              <div>
                <CyclePath refs={p.refs} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
