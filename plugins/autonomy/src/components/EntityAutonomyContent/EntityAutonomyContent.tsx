import { Grid } from '@material-ui/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MissionCard } from '../MissionCard';
import { GuardrailScorecardCard } from '../GuardrailScorecard';
import { BoundariesCard } from '../BoundariesCard';
import { TeamAutonomyCard } from '../TeamAutonomyCard';
import { TeamScorecardCard } from '../TeamScorecardCard';

/**
 * The "Autonomy" tab of component, system, API and group pages: mission and guardrails, with the
 * team's autonomy on a group and the entity's boundaries on everything else. Guardrails apply to
 * what a team owns, not to the group: a group shows the scorecards of its services instead.
 * @public
 */
export const EntityAutonomyContent = () => {
  const { entity } = useEntity();
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <MissionCard />
      </Grid>
      <Grid item xs={12} md={6}>
        {isGroup ? <TeamScorecardCard /> : <GuardrailScorecardCard />}
      </Grid>
      <Grid item xs={12} md={6}>
        {isGroup ? <TeamAutonomyCard /> : <BoundariesCard />}
      </Grid>
    </Grid>
  );
};
