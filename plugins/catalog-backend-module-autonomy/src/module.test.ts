import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleAutonomy } from './module';
import { MissionEntitiesProcessor } from './processor/MissionEntitiesProcessor';
import { CampaignEntitiesProcessor } from './processor/CampaignEntitiesProcessor';
import { TeamApiProcessor } from './processor/TeamApiProcessor';
import { GuardrailEntitiesProcessor } from './processor/GuardrailEntitiesProcessor';
import { GuardrailAnnotationsProcessor } from './processor/GuardrailAnnotationsProcessor';

describe('catalogModuleAutonomy', () => {
  it('registers the Mission, Campaign, Guardrail, team API and guardrail annotation processors with the catalog', async () => {
    const addProcessor = jest.fn();
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, { addProcessor }]],
      features: [catalogModuleAutonomy],
    });
    expect(addProcessor).toHaveBeenCalledTimes(5);
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(CampaignEntitiesProcessor),
    );
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(MissionEntitiesProcessor),
    );
    expect(addProcessor).toHaveBeenCalledWith(expect.any(TeamApiProcessor));
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(GuardrailEntitiesProcessor),
    );
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(GuardrailAnnotationsProcessor),
    );
  });
});
