import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { useAutonomyPath } from '../shared/useAutonomyPath';
import { CampaignProgress } from './CampaignProgress';
import { campaignPath, deadlineLabel } from './campaignWords';

/** Every campaign with its deadline, progress and the teams behind, soonest deadline first. */
export const CampaignList = () => {
  const api = useApi(autonomyApiRef);
  const autonomyPath = useAutonomyPath();
  const { value, loading, error } = useAsync(() => api.listCampaigns(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <InfoCard
      title="Campaigns"
      subheader="Guardrails rolled out with a deadline: warnings for the targeted entities until then, enforced from it."
    >
      {value!.items.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No campaigns. A campaign is a Campaign entity in the catalog: see the
          README.
        </Typography>
      ) : (
        <Table size="small" aria-label="Campaigns">
          <TableHead>
            <TableRow>
              <TableCell>Campaign</TableCell>
              <TableCell>Deadline</TableCell>
              <TableCell>Progress</TableCell>
              <TableCell>Teams behind</TableCell>
              <TableCell>Owner</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value!.items.map(c => (
              <TableRow key={c.ref}>
                <TableCell>
                  <Link to={campaignPath(autonomyPath, c.ref)}>{c.title}</Link>
                </TableCell>
                <TableCell>{deadlineLabel(c, today)}</TableCell>
                <TableCell>
                  <CampaignProgress
                    done={c.done}
                    total={c.total}
                    label={`${c.title}: entities done`}
                  />
                </TableCell>
                <TableCell>{c.teamsBehind.length}</TableCell>
                <TableCell>
                  <EntityRefLink entityRef={c.ownerRef} defaultKind="group" />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {value!.evaluatedAt && <EvaluatedAt at={value!.evaluatedAt} />}
    </InfoCard>
  );
};
