import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleAutonomy } from './module';
import { MissionEntitiesProcessor } from './processor/MissionEntitiesProcessor';

describe('catalogModuleAutonomy', () => {
  it('registers the Mission processor with the catalog', async () => {
    const addProcessor = jest.fn();
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, { addProcessor }]],
      features: [catalogModuleAutonomy],
    });
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(MissionEntitiesProcessor),
    );
  });
});
