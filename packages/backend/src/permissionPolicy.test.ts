import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  autonomyReadPermission,
  autonomyRefreshPermission,
} from '@aligned-autonomy/plugin-autonomy-common';
import { AutonomyDemoPolicy } from './permissionPolicy';

const user = (...ownershipEntityRefs: string[]) =>
  ({
    identity: {
      type: 'user',
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    token: 't',
    credentials: {} as any,
  } as any);

describe('AutonomyDemoPolicy', () => {
  const policy = AutonomyDemoPolicy.fromConfig(
    new ConfigReader({
      autonomy: { platformAdmins: ['group:default/platform-runtime'] },
    }),
  );

  it('lets every user read', async () => {
    expect(
      (
        await policy.handle(
          { permission: autonomyReadPermission },
          user('user:default/maya'),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('lets only platform admins trigger re-evaluation', async () => {
    expect(
      (
        await policy.handle(
          { permission: autonomyRefreshPermission },
          user('user:default/ola', 'group:default/platform-runtime'),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (
        await policy.handle(
          { permission: autonomyRefreshPermission },
          user('user:default/maya', 'group:default/checkout'),
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (await policy.handle({ permission: autonomyRefreshPermission })).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('denies re-evaluation to everyone when no admins are configured', async () => {
    const strict = AutonomyDemoPolicy.fromConfig(new ConfigReader({}));
    expect(
      (
        await strict.handle(
          { permission: autonomyRefreshPermission },
          user('user:default/ola', 'group:default/platform-runtime'),
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
  });
});
