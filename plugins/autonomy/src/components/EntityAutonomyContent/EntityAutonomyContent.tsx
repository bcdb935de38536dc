import { Grid } from '@material-ui/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MissionCard } from '../MissionCard';
import { GuardrailScorecardCard } from '../GuardrailScorecard';
import { BoundariesCard } from '../BoundariesCard';
import { TeamAutonomyCard } from '../TeamAutonomyCard';

/**
 * The "Autonomy" tab of component, system, API and group pages: mission and guardrails, with the
 * team's autonomy on a group and the entity's boundaries on everything else.
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
        <GuardrailScorecardCard />
      </Grid>
      <Grid item xs={12} md={6}>
        {isGroup ? <TeamAutonomyCard /> : <BoundariesCard />}
      </Grid>
    </Grid>
  );
};
