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
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import {
  emptyStateCounts,
  type Rollup,
} from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef, type ScorecardPage } from '../../api/AutonomyApi';
import { useAutonomyPath } from '../shared/useAutonomyPath';
import { fetchAllRollups } from '../shared/rollups';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { NoGuardrailsConfigured } from '../shared/NoGuardrails';
import { LevelBadge } from '../GuardrailScorecard/LevelBadge';
import { formatScore, plural } from '../GuardrailScorecard/format';
import { levelName, NO_LEVEL } from '../ScorecardView/levels';

/** How many of the team's entities the card lists: the lowest scores first. */
export const TEAM_LIST_LIMIT = 10;

/** The roll-up of the whole list, when the list is complete. */
function rollupOf(ref: string, page: ScorecardPage): Rollup | undefined {
  if (page.items.length < page.total) return undefined;
  const scores = page.items.flatMap(i =>
    typeof i.score === 'number' ? [i.score] : [],
  );
  const levelCounts: Record<string, number> = {};
  for (const i of page.items) {
    const level = i.level ?? NO_LEVEL;
    levelCounts[level] = (levelCounts[level] ?? 0) + 1;
  }
  return {
    ref,
    entityCount: page.total,
    averageScore: scores.length
      ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) /
        10
      : null,
    levelCounts,
    stateCounts: emptyStateCounts(),
  };
}

const RollupSummary = ({ rollup }: { rollup: Rollup }) => {
  const counted = Object.entries(rollup.levelCounts).filter(([, n]) => n > 0);
  // Highest level first (the backend lists levels lowest first), `none` last.
  const levels = [
    ...counted.filter(([level]) => level !== NO_LEVEL).reverse(),
    ...counted.filter(([level]) => level === NO_LEVEL),
  ].map(([level, n]) => `${levelName(level)} ${n}`);
  return (
    <>
      <Typography variant="body1">
        {plural(rollup.entityCount, 'entity', 'entities')} · average score{' '}
        {formatScore(rollup.averageScore)}
      </Typography>
      {levels.length > 0 && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Levels: {levels.join(' · ')}
        </Typography>
      )}
    </>
  );
};

export const TeamScorecardView = ({
  page,
  rollup,
}: {
  page: ScorecardPage;
  rollup?: Rollup;
}) => {
  if (page.total === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nothing this team owns has been evaluated yet. Guardrails apply to the
        components, APIs and systems a team owns.
      </Typography>
    );
  }
  return (
    <>
      {rollup && <RollupSummary rollup={rollup} />}
      <Table
        size="small"
        aria-label="Services of this team, lowest score first"
      >
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell>Level</TableCell>
            <TableCell align="right">Score</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {page.items.map(item => (
            <TableRow key={item.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={item.entityRef} title={item.title} />
              </TableCell>
              <TableCell>
                <LevelBadge level={item.level} size="small" />
              </TableCell>
              <TableCell align="right">{formatScore(item.score)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {page.total > page.items.length && (
        <Typography variant="caption" color="textSecondary" component="p">
          The {page.items.length} lowest scores of {page.total}.
        </Typography>
      )}
      {page.evaluatedAt && <EvaluatedAt at={page.evaluatedAt} />}
    </>
  );
};

/**
 * For group pages: the evaluated entities the team owns, lowest score first, the team's roll-up,
 * and a link to the scorecards filtered by the team. Guardrails apply to what a team owns, not
 * to the group itself.
 * @public
 */
export const TeamScorecardCard = () => {
  const { entity } = useEntity();
  const api = useApi(autonomyApiRef);
  // Owner refs are stored as the catalog's relations have them: lower case.
  const teamRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const list = useAsync(
    () =>
      api.listScorecards({
        ownerRef: [teamRef],
        orderBy: 'score',
        order: 'asc',
        limit: TEAM_LIST_LIMIT,
      }),
    [api, teamRef],
  );
  // Only tells the first day apart (no guardrail configured yet); its failure hides nothing.
  const guardrails = useAsync(() => api.getGuardrails(), [api]);
  // Only adds the summary: its failure must not hide the list.
  const rollups = useAsync(async () => {
    const all = await fetchAllRollups(api, 'team');
    return all.find(r => r.ref.toLocaleLowerCase('en-US') === teamRef);
  }, [api, teamRef]);
  const link = `${useAutonomyPath()}?${new URLSearchParams({
    ownerRef: teamRef,
  })}`;

  let content = null;
  if (guardrails.value?.guardrails.length === 0)
    content = <NoGuardrailsConfigured />;
  else if (list.loading) content = <Progress />;
  else if (list.error) content = <ResponseErrorPanel error={list.error} />;
  else if (list.value)
    content = (
      <TeamScorecardView
        page={list.value}
        rollup={rollups.value ?? rollupOf(teamRef, list.value)}
      />
    );

  return (
    <InfoCard
      title="Services of this team"
      subheader="Guardrail levels and scores of what the team owns, lowest first"
      deepLink={{ title: "All of this team's scorecards", link }}
    >
      {content}
    </InfoCard>
  );
};
