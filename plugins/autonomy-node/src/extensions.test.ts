import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  autonomyFactsExtensionPoint,
  type AutonomyFactProvider,
} from './extensions';

describe('autonomyFactsExtensionPoint', () => {
  it('carries fact providers from a module to the autonomy plugin before it initialises', async () => {
    const received: AutonomyFactProvider[] = [];
    let seenAtInit: string[] = [];
    const plugin = createBackendPlugin({
      pluginId: 'autonomy',
      register(env) {
        env.registerExtensionPoint(autonomyFactsExtensionPoint, {
          addFactProvider: (...providers) => received.push(...providers),
        });
        env.registerInit({
          deps: {},
          async init() {
            seenAtInit = received.map(p => p.id);
          },
        });
      },
    });
    const provider: AutonomyFactProvider = {
      id: 'chaos',
      description: 'Chaos test pass rate',
      getFacts: async refs =>
        new Map(refs.map(ref => [ref, { passRate: 0.98 }])),
    };
    const module = createBackendModule({
      pluginId: 'autonomy',
      moduleId: 'chaos',
      register(reg) {
        reg.registerInit({
          deps: { facts: autonomyFactsExtensionPoint },
          async init({ facts }) {
            facts.addFactProvider(provider);
          },
        });
      },
    });

    await startTestBackend({ features: [plugin, module] });

    expect(seenAtInit).toEqual(['chaos']);
    expect(await received[0].getFacts(['component:default/a'])).toEqual(
      new Map([['component:default/a', { passRate: 0.98 }]]),
    );
  });
});
