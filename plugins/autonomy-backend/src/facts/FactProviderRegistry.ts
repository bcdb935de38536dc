import type {
  AutonomyFactProvider,
  AutonomyFactsExtensionPoint,
} from '@aligned-autonomy/plugin-autonomy-node';

/**
 * Collects the fact providers that backend modules register. Registration happens before the
 * plugin's init; a duplicate id is a start-up error, since facts are addressed by provider id.
 */
export class FactProviderRegistry implements AutonomyFactsExtensionPoint {
  private readonly providers = new Map<string, AutonomyFactProvider>();

  addFactProvider(...providers: AutonomyFactProvider[]): void {
    for (const provider of providers) {
      if (!/^[a-z][a-z0-9-]*$/.test(provider.id)) {
        throw new Error(
          `Fact provider id "${provider.id}" is invalid: use lower-case letters, digits and dashes`,
        );
      }
      if (this.providers.has(provider.id)) {
        throw new Error(`Fact provider "${provider.id}" is registered twice`);
      }
      this.providers.set(provider.id, provider);
    }
  }

  list(): AutonomyFactProvider[] {
    return [...this.providers.values()];
  }
}
