import { FactProviderRegistry } from './FactProviderRegistry';

const provider = (id: string) => ({
  id,
  description: id,
  getFacts: async () => new Map(),
});

describe('FactProviderRegistry', () => {
  it('lists providers in registration order', () => {
    const registry = new FactProviderRegistry();
    registry.addFactProvider(provider('chaos'), provider('ci'));
    expect(registry.list().map(p => p.id)).toEqual(['chaos', 'ci']);
  });

  it('rejects a duplicate id and an invalid id with a message naming it', () => {
    const registry = new FactProviderRegistry();
    registry.addFactProvider(provider('chaos'));
    expect(() => registry.addFactProvider(provider('chaos'))).toThrow(
      'Fact provider "chaos" is registered twice',
    );
    expect(() => registry.addFactProvider(provider('Bad Id'))).toThrow(
      'Fact provider id "Bad Id" is invalid',
    );
  });
});
