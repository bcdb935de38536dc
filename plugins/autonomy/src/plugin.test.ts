import {
  autonomyPlugin,
  EntityGuardrailScorecardCard,
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
  });
});
