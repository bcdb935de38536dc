import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { Exemption } from '@aligned-autonomy/plugin-autonomy-common';
import { GuardrailCommandService } from './GuardrailCommandService';

const NOW = new Date('2026-11-21T12:00:00Z');

const exemption: Exemption = {
  id: 'e1',
  entityRef: 'component:default/a',
  guardrailId: 'runbook',
  reason: 'Writing it',
  expiresAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'user:default/maya',
  createdAt: NOW.toISOString(),
  status: 'active',
};

function service() {
  const revoke = jest.fn(async (id: string, by: string, reason: string) => ({
    ...exemption,
    id,
    status: 'revoked' as const,
    revokedBy: by,
    revokedAt: NOW.toISOString(),
    revokeReason: reason,
  }));
  const commands = new GuardrailCommandService({
    stores: { exemptions: { revoke } } as any,
    reads: {
      getExemption: async (id: string) => {
        if (id !== exemption.id) throw new NotFoundError(`No exemption ${id}`);
        return exemption;
      },
    } as any,
    guardrails: {
      levels: [],
      guardrails: [],
      facts: [],
      fingerprint: '',
      layout: '',
    },
    sources: [],
    maxExemptionDays: 30,
    pipeline: { readEntity: jest.fn(), runEntity: jest.fn() } as any,
    now: () => NOW,
  });
  return { commands, revoke };
}

describe('GuardrailCommandService.revokeExemptionAs', () => {
  it('revokes for an allowed caller, who is asked about the exemption’s entity', async () => {
    const { commands } = service();
    const authorize = jest.fn(async () => 'user:default/ola');
    await expect(
      commands.revokeExemptionAs('e1', 'Runbook done', authorize),
    ).resolves.toMatchObject({
      status: 'revoked',
      revokedBy: 'user:default/ola',
    });
    expect(authorize).toHaveBeenCalledWith('component:default/a');
  });

  it('answers a caller who is not allowed exactly as for an id that does not exist', async () => {
    const { commands, revoke } = service();
    const denied = async () => {
      throw new NotAllowedError(
        'Not allowed: autonomy.exemption.revoke on component:default/a',
      );
    };
    const forExisting = await commands
      .revokeExemptionAs('e1', 'x', denied)
      .catch(e => e);
    const forMissing = await commands
      .revokeExemptionAs('e2', 'x', async () => 'user:default/ola')
      .catch(e => e);
    expect(forExisting).toBeInstanceOf(NotFoundError);
    expect(forExisting.message).toBe('No exemption e1');
    expect(forMissing).toBeInstanceOf(NotFoundError);
    expect(forMissing.message).toBe('No exemption e2');
    expect(revoke).not.toHaveBeenCalled();
  });

  it('lets other failures of the check through', async () => {
    const { commands } = service();
    const broken = new Error('permission backend unreachable');
    await expect(
      commands.revokeExemptionAs('e1', 'x', async () => {
        throw broken;
      }),
    ).rejects.toBe(broken);
  });
});
