import { useMemo, useState } from 'react';
import { Box, Typography } from '@material-ui/core';
import {
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import type {
  OwnershipGap,
  OwnershipGapsResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { isNotFound } from '../shared/isNotFound';
import { NotAnalysedYet } from '../shared/NotAnalysedYet';
import { GAP_TYPE_LABELS, GAP_TYPES } from './gapTypes';
import { GapTypeFilter } from './GapTypeFilter';

/** A missing owner is not in the catalog: a link to it would lead nowhere. */
const Owner = ({ gap }: { gap: OwnershipGap }) => {
  if (!gap.ownerRef) return <>None</>;
  if (gap.type === 'missing-owner') return <>{gap.ownerRef}</>;
  return <EntityRefLink entityRef={gap.ownerRef} />;
};

const columns: TableColumn<OwnershipGap>[] = [
  {
    title: 'Type',
    field: 'type',
    render: gap => GAP_TYPE_LABELS[gap.type] ?? gap.type,
    customSort: (a, b) => GAP_TYPES.indexOf(a.type) - GAP_TYPES.indexOf(b.type),
  },
  {
    title: 'Entity',
    field: 'entityRef',
    render: gap => <EntityRefLink entityRef={gap.entityRef} />,
  },
  { title: 'Owner', field: 'ownerRef', render: gap => <Owner gap={gap} /> },
  { title: 'Message', field: 'message' },
];

export const OwnershipGapsTable = ({
  data,
}: {
  data: OwnershipGapsResponse;
}) => {
  const [type, setType] = useState<OwnershipGap['type'] | ''>('');
  // The table writes its own bookkeeping into the rows: give it copies.
  const rows = useMemo(
    () => data.items.filter(g => !type || g.type === type).map(g => ({ ...g })),
    [data, type],
  );
  return (
    <>
      {data.items.length > 0 && (
        <Box mb={2}>
          <GapTypeFilter items={data.items} value={type} onChange={setType} />
        </Box>
      )}
      <Table<OwnershipGap>
        title={`Ownership gaps (${rows.length})`}
        columns={columns}
        data={rows}
        options={{
          padding: 'dense',
          paging: rows.length > 20,
          pageSize: 20,
          search: true,
        }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              {data.items.length === 0
                ? 'No ownership gaps: everything has a team that exists and has members.'
                : 'No gaps of this type.'}
            </Typography>
          </Box>
        }
      />
      <Box mt={1}>
        <EvaluatedAt at={data.evaluatedAt} />
      </Box>
    </>
  );
};

/** Entities without a clear team owner, teams that cannot own anything, systems spread too thin. */
export const OwnershipGaps = () => {
  const api = useApi(autonomyApiRef);
  const { value, loading, error } = useAsync(
    () => api.getOwnershipGaps(),
    [api],
  );
  if (loading) return <Progress />;
  if (error && isNotFound(error)) {
    return (
      <NotAnalysedYet>
        Ownership has not been analysed yet. Gaps appear after the next analysis
        of the catalog.
      </NotAnalysedYet>
    );
  }
  if (error) return <ResponseErrorPanel error={error} />;
  return value ? <OwnershipGapsTable data={value} /> : null;
};
