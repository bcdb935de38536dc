import { earnAutonomy, type TeamRecord } from './earnAutonomy';
import { teamChoices } from './teamChoices';
import { guardrailDef } from '../../testUtils/guardrailFixtures';

const levels = [
  { id: 'guided', title: 'Guided', requires: {}, localDecisions: [] },
  {
    id: 'autonomous',
    title: 'Autonomous',
    requires: { maxBoundaryViolations: 0, minOwnedChoices: 2 },
    localDecisions: ['add-datastore'],
  },
];
const decisions = [
  {
    id: 'add-datastore',
    title: 'Add a datastore',
    defaultScope: 'design-review' as const,
  },
];
const record = (choices: Partial<TeamRecord>): TeamRecord => ({
  entityLevels: ['gold'],
  boundaryViolations: 0,
  openExemptions: 0,
  optOuts: 0,
  teamStandards: 0,
  teamStandardsMet: 0,
  ...choices,
});
const earn = (r: TeamRecord) =>
  earnAutonomy({
    levels,
    decisions,
    guardrailLevels: ['bronze', 'silver', 'gold'],
    record: r,
  });

describe('earnAutonomy: the choices a team owns', () => {
  it('counts team standards met and reasoned opt-outs alike', () => {
    expect(
      earn(record({ teamStandards: 1, teamStandardsMet: 1, optOuts: 1 })),
    ).toMatchObject({
      level: { id: 'autonomous' },
      record: { optOuts: 1, teamStandards: 1, teamStandardsMet: 1 },
    });
    expect(
      earn(record({ teamStandards: 2, teamStandardsMet: 2 })).level.id,
    ).toBe('autonomous');
  });

  it('says what would widen it, with both counts', () => {
    expect(
      earn(record({ teamStandards: 2, teamStandardsMet: 1 })).nextLevel,
    ).toEqual({
      id: 'autonomous',
      title: 'Autonomous',
      missing: [
        "2 choices of the team's own kept: team standards met or recommended guardrails opted out of with a reason (now 1: 1 of 2 standards met, 0 opt-outs)",
      ],
      wouldBecomeLocal: ['Add a datastore'],
    });
  });
});

describe('teamChoices', () => {
  const set = {
    definitions: [
      guardrailDef(
        'own-met',
        { fact: 'x', exists: true },
        {
          type: 'team',
          ownerRef: 'group:default/payments',
        },
      ),
      guardrailDef(
        'own-failing',
        { fact: 'x', exists: true },
        {
          type: 'team',
          ownerRef: 'group:default/payments',
        },
      ),
      guardrailDef(
        'own-unused',
        { fact: 'x', exists: true },
        {
          type: 'team',
          ownerRef: 'group:default/payments',
        },
      ),
      guardrailDef(
        'theirs',
        { fact: 'x', exists: true },
        {
          type: 'team',
          ownerRef: 'group:default/search',
        },
      ),
    ],
    optOuts: [
      {
        guardrailId: 'api-docs',
        teamRef: 'group:default/payments',
        declaredOn: 'group:default/payments',
        reason: 'A reason in words.',
        since: '2026-11-20T00:00:00.000Z',
      },
    ],
  };

  it("counts the team's standards, those met by every entity, and its opt-outs", () => {
    expect(
      teamChoices(set, 'group:default/payments', [
        { guardrailId: 'own-met', state: 'pass', count: 3 },
        { guardrailId: 'own-met', state: 'exempt', count: 1 },
        { guardrailId: 'own-failing', state: 'pass', count: 3 },
        { guardrailId: 'own-failing', state: 'fail', count: 1 },
      ]),
    ).toEqual({ teamStandards: 3, teamStandardsMet: 1, optOuts: 1 });
    expect(teamChoices(undefined, 'group:default/payments', [])).toEqual({
      teamStandards: 0,
      teamStandardsMet: 0,
      optOuts: 0,
    });
  });
});
