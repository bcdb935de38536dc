import type { Entity } from '@backstage/catalog-model';
import { isMissionEntity } from './MissionEntityV1alpha1';
import {
  normalizeMissionEntity,
  validateMissionEntity,
} from './validateMission';

const mission = (
  spec: Record<string, any>,
  extra: Partial<Entity> = {},
): Entity => ({
  apiVersion: 'aligned-autonomy.io/v1alpha1',
  kind: 'Mission',
  metadata: { name: 'frictionless-checkout' },
  spec,
  ...extra,
});

const valid = {
  owner: 'group:default/checkout',
  statement: 'Confirmed orders in **90 s**',
  why: 'Abandonment is 38%',
  parent: 'commerce-mission',
  horizon: '2027',
  reviewBy: '2027-03-31',
  successMetrics: [
    {
      name: 'Conversion',
      target: 4.5,
      unit: '%',
      direction: 'increase',
      current: 3.9,
      measuredAt: '2026-11-01',
    },
    {
      name: 'Chaos tests passed',
      target: 100,
      direction: 'increase',
      factId: 'chaos.passRate',
    },
  ],
};

describe('validateMissionEntity', () => {
  it('accepts a complete mission and returns it typed', () => {
    const entity = mission(valid);
    expect(validateMissionEntity(entity)).toBe(entity);
    expect(isMissionEntity(entity)).toBe(true);
  });

  it('accepts the minimal north star (no parent, metrics or dates)', () => {
    expect(
      validateMissionEntity(
        mission({ owner: 'harbor-pine', statement: 's', why: 'w' }),
      ),
    ).toBeTruthy();
  });

  it('returns false for other kinds and api versions, so other validators run', () => {
    expect(
      validateMissionEntity({ ...mission(valid), kind: 'Component' }),
    ).toBe(false);
    expect(
      validateMissionEntity({
        ...mission(valid),
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toBe(false);
    expect(isMissionEntity({ ...mission(valid), kind: 'Component' })).toBe(
      false,
    );
  });

  it.each([
    ['a missing statement', { ...valid, statement: undefined }, /statement/],
    ['a missing owner', { ...valid, owner: undefined }, /owner/],
    ['an empty why', { ...valid, why: '' }, /why/],
    [
      'an unknown spec field',
      { ...valid, reviewby: '2027-01-01' },
      /reviewby|additional/,
    ],
    [
      'a target that is not a number',
      {
        ...valid,
        successMetrics: [{ name: 'x', target: 'lots', direction: 'increase' }],
      },
      /target/,
    ],
    [
      'an unknown direction',
      {
        ...valid,
        successMetrics: [{ name: 'x', target: 1, direction: 'sideways' }],
      },
      /direction/,
    ],
    [
      'a date in the wrong format',
      { ...valid, reviewBy: '31/03/2027' },
      /reviewBy/,
    ],
  ])('rejects %s, naming the field', (_, spec, field) => {
    expect(() => validateMissionEntity(mission(spec))).toThrow(field);
  });

  it.each([
    [
      'an owner that is not a group',
      { ...valid, owner: 'user:default/maya' },
      /spec\.owner must reference a group, got "user:default\/maya"/,
    ],
    [
      'a parent that is not a mission',
      { ...valid, parent: 'system:default/checkout' },
      /spec\.parent must reference a mission/,
    ],
    [
      'a review date not on the calendar',
      { ...valid, reviewBy: '2027-02-30' },
      /spec\.reviewBy is not a calendar date: "2027-02-30"/,
    ],
    [
      'a measured date not on the calendar',
      {
        ...valid,
        successMetrics: [
          {
            name: 'x',
            target: 1,
            direction: 'increase',
            current: 1,
            measuredAt: '2026-13-01',
          },
        ],
      },
      /spec\.successMetrics\[0\]\.measuredAt/,
    ],
    [
      'an owner that is not a reference',
      { ...valid, owner: 'group:' },
      /spec\.owner is not a valid entity reference/,
    ],
  ])('rejects %s with a message naming the field', (_, spec, message) => {
    expect(() => validateMissionEntity(mission(spec))).toThrow(message);
  });

  it('reports every semantic problem at once', () => {
    expect(() =>
      validateMissionEntity(
        mission({ ...valid, owner: 'user:maya', reviewBy: '2027-02-30' }),
      ),
    ).toThrow(/spec\.owner.*; spec\.reviewBy/);
  });

  it('reports every schema problem at once, each naming its field', () => {
    let message = '';
    try {
      validateMissionEntity(
        mission({
          owner: 'user:default/maya',
          why: '',
          reviewby: '2027-01-01',
          reviewBy: '2027-02-30',
          successMetrics: [
            { name: 'x', target: 'lots', direction: 'sideways' },
            { target: 1, direction: 'increase', measuredAt: '2026-13-01' },
          ],
        }),
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('; ')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/spec\.statement is required/),
        'spec.reviewby is not a known field',
        'spec.why must NOT have fewer than 1 characters',
        'spec.successMetrics[0].target must be number',
        'spec.successMetrics[0].direction must be one of increase, decrease',
        'spec.successMetrics[1].name is required',
        'spec.owner must reference a group, got "user:default/maya"',
        'spec.reviewBy is not a calendar date: "2027-02-30"',
        'spec.successMetrics[1].measuredAt is not a calendar date: "2026-13-01"',
      ]),
    );
    expect(message.split('; ')).toHaveLength(9);
  });

  it('limits the statement and the why to 4,000 characters', () => {
    expect(
      validateMissionEntity(mission({ ...valid, why: 'w'.repeat(4000) })),
    ).toBeTruthy();
    expect(() =>
      validateMissionEntity(
        mission({
          ...valid,
          statement: '>'.repeat(5000),
          why: 'w'.repeat(4001),
        }),
      ),
    ).toThrow(
      /spec\.statement must NOT have more than 4000 characters; spec\.why must NOT have more than 4000 characters/,
    );
  });

  it('refuses owner and parent references whose names the catalog would refuse', () => {
    expect(() =>
      validateMissionEntity(
        mission({ ...valid, owner: 'Team Checkout!', parent: 'mission:-x' }),
      ),
    ).toThrow(
      /spec\.owner is not a valid entity reference: "Team Checkout!"; spec\.parent is not a valid entity reference/,
    );
  });
});

describe('normalizeMissionEntity', () => {
  it('reads what people write in YAML where the meaning is clear', () => {
    const entity = normalizeMissionEntity(
      mission({
        ...valid,
        horizon: 2027,
        reviewBy: new Date('2027-03-31T00:00:00Z'),
        successMetrics: [
          {
            name: 'Conversion',
            target: '4.5',
            current: ' 3.9 ',
            direction: 'increase',
            measuredAt: '2026-11-01T00:00:00.000Z',
          },
        ],
      }),
    );
    expect(entity.spec).toMatchObject({
      horizon: '2027',
      reviewBy: '2027-03-31',
      successMetrics: [{ target: 4.5, current: 3.9, measuredAt: '2026-11-01' }],
    });
    expect(validateMissionEntity(entity)).toBeTruthy();
  });

  it('leaves what is not clear for validation to report, and other kinds alone', () => {
    const unclear = normalizeMissionEntity(
      mission({
        ...valid,
        reviewBy: new Date('2027-03-31T10:00:00Z'),
        successMetrics: [{ name: 'x', target: 'lots', direction: 'increase' }],
      }),
    );
    expect(() => validateMissionEntity(unclear)).toThrow(
      /spec\.reviewBy must be string; spec\.successMetrics\[0\]\.target must be number/,
    );
    const component = { ...mission(valid), kind: 'Component' };
    expect(normalizeMissionEntity(component)).toBe(component);
  });
});
