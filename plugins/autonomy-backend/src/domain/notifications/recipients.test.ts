import { recipientsWithAccess } from './recipients';

const owner = 'group:default/checkout';

describe('recipientsWithAccess', () => {
  const memberships = new Map([
    ['user:default/ada', ['group:default/checkout']],
    ['user:default/bob', ['group:default/payments']],
  ]);

  it('keeps the owning group and users who are members of it', () => {
    expect(
      recipientsWithAccess(['user:default/ada', owner, owner], {
        ownerRef: owner,
        memberships,
      }),
    ).toEqual(['user:default/ada', owner]);
  });

  it('drops users outside the owning team, unknown users and other groups', () => {
    expect(
      recipientsWithAccess(
        ['user:default/bob', 'user:default/ghost', 'group:default/payments'],
        { ownerRef: owner, memberships },
      ),
    ).toEqual([]);
  });

  it('keeps a user who owns the entity; nobody when there is no owner', () => {
    expect(
      recipientsWithAccess(['user:default/bob'], {
        ownerRef: 'user:default/bob',
        memberships,
      }),
    ).toEqual(['user:default/bob']);
    expect(
      recipientsWithAccess(['user:default/ada', owner], { memberships }),
    ).toEqual([]);
  });
});
