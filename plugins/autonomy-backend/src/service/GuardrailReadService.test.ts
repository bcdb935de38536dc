import { GuardrailReadService } from './GuardrailReadService';

describe('GuardrailReadService', () => {
  const guardrails = {
    listScores: jest.fn(async () => ({ items: [], total: 0 })),
    rollups: jest.fn(async () => ({ items: [], total: 0 })),
    getEvaluatedAt: jest.fn(async () => '2026-11-26T10:00:00.000Z'),
  };
  const service = new GuardrailReadService({
    stores: { guardrails, exemptions: {} } as any,
    guardrails: { levels: ['bronze'], guardrails: [] } as any,
    readEntity: async () => undefined,
    now: () => new Date('2026-11-26T12:00:00Z'),
  });

  it('asks the store for the search text the wire calls q, with default order and page', async () => {
    await service.listScores({ q: 'pay', ownerRef: 'group:default/a' as any });
    expect(guardrails.listScores).toHaveBeenCalledWith({
      ownerRef: ['group:default/a'],
      systemRef: undefined,
      domainRef: undefined,
      kind: undefined,
      level: undefined,
      guardrailId: undefined,
      state: undefined,
      text: 'pay',
      orderBy: 'title',
      order: 'asc',
      limit: 50,
      offset: 0,
    });
  });

  it('rolls up a team over the owner column, and the organisation over everything', async () => {
    await service.rollups({ scope: 'team', limit: 10 });
    expect(guardrails.rollups).toHaveBeenLastCalledWith('owner', ['bronze'], {
      limit: 10,
      offset: 0,
    });
    await service.rollups({ scope: 'org' });
    expect(guardrails.rollups).toHaveBeenLastCalledWith(undefined, ['bronze'], {
      limit: 50,
      offset: 0,
    });
  });

  it('wants a ref for any history but the organisation', async () => {
    await expect(service.history({ scope: 'team' })).rejects.toThrow(
      'ref is required for scope team',
    );
  });
});
