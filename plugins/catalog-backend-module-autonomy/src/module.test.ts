import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleAutonomy } from './module';
import { MissionEntitiesProcessor } from './processor/MissionEntitiesProcessor';
import { TeamApiProcessor } from './processor/TeamApiProcessor';

describe('catalogModuleAutonomy', () => {
  it('registers the Mission and team API processors with the catalog', async () => {
    const addProcessor = jest.fn();
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, { addProcessor }]],
      features: [catalogModuleAutonomy],
    });
    expect(addProcessor).toHaveBeenCalledTimes(2);
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(MissionEntitiesProcessor),
    );
    expect(addProcessor).toHaveBeenCalledWith(expect.any(TeamApiProcessor));
  });
});
