import { useMemo, useState } from 'react';
import {
  FormControl,
  Grid,
  InputLabel,
  MenuItem,
  Select,
} from '@material-ui/core';
import {
  ContentHeader,
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { buildMissionForest, MissionTree } from './MissionTree';
import { EvaluatedAt } from '../shared/EvaluatedAt';

/** The missions tree of the whole organisation, with the gaps leadership should see. */
export const MissionsContent = () => {
  const api = useApi(autonomyApiRef);
  const [department, setDepartment] = useState<string>('');
  const state = useAsync(
    () => Promise.all([api.getMissionTree(), api.getTeamsWithoutMission()]),
    [api],
  );
  const [tree, teams] = state.value ?? [];
  const departments = useMemo(
    () =>
      [
        ...new Set(
          (tree?.missions ?? []).flatMap(m =>
            m.departmentRef ? [m.departmentRef] : [],
          ),
        ),
      ].sort(),
    [tree],
  );
  const forest = useMemo(
    () =>
      tree ? buildMissionForest(tree.missions, department || undefined) : [],
    [tree, department],
  );

  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  if (!tree || !teams) return null;
  if (tree.missions.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No missions in the catalog yet"
        description="Add a Mission entity (apiVersion aligned-autonomy.io/v1alpha1) for your north star and link teams to it; see the README."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ContentHeader title="Missions">
          <FormControl
            variant="outlined"
            size="small"
            style={{ minWidth: 220 }}
          >
            <InputLabel id="department-filter-label">Department</InputLabel>
            <Select
              labelId="department-filter-label"
              label="Department"
              value={department}
              onChange={e => setDepartment(e.target.value as string)}
            >
              <MenuItem value="">All departments</MenuItem>
              {departments.map(d => (
                <MenuItem key={d} value={d}>
                  <EntityDisplayName entityRef={d} hideIcon />
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        </ContentHeader>
        {tree.problems.length > 0 && (
          <WarningPanel
            severity="warning"
            title={`${tree.problems.length} mission problem(s)`}
            defaultExpanded
          >
            <ul>
              {tree.problems.map(p => (
                <li key={`${p.missionRef}-${p.type}`}>
                  <EntityRefLink entityRef={p.missionRef} />: {p.message}
                </li>
              ))}
            </ul>
          </WarningPanel>
        )}
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="From the north star down">
          <MissionTree forest={forest} />
          <EvaluatedAt at={tree.evaluatedAt} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Teams without a mission">
          {teams.items.length === 0 ? (
            'Every team has a mission.'
          ) : (
            <ul>
              {teams.items.map(t => (
                <li key={t.teamRef}>
                  <EntityRefLink entityRef={t.teamRef} title={t.title} />
                </li>
              ))}
            </ul>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
};
