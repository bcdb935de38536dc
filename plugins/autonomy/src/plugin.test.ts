import {
  autonomyPlugin,
  EntityBoundariesCard,
  EntityGuardrailScorecardCard,
  EntityTeamAutonomyCard,
  EntityMissionCard,
} from './plugin';
import * as index from './index';

describe('autonomyPlugin', () => {
  it('has the id autonomy', () => {
    expect(autonomyPlugin.getId()).toBe('autonomy');
  });

  it('exports the entity cards from the package', () => {
    expect(index.EntityGuardrailScorecardCard).toBe(
      EntityGuardrailScorecardCard,
    );
    expect(index.EntityMissionCard).toBe(EntityMissionCard);
    expect(index.EntityBoundariesCard).toBe(EntityBoundariesCard);
    expect(index.EntityTeamAutonomyCard).toBe(EntityTeamAutonomyCard);
  });
});
