import { AUTONOMY_ANNOTATIONS } from '../annotations';
import { INTERACTION_MODES, parseTeamApi, TEAM_TYPES } from './teamApi';

const TYPE = AUTONOMY_ANNOTATIONS.teamType;
const CHANNEL = AUTONOMY_ANNOTATIONS.supportChannel;
const INTERACTIONS = AUTONOMY_ANNOTATIONS.interactions;

const interactions = (value: string, namespace?: string) =>
  parseTeamApi({ [INTERACTIONS]: value }, namespace);

describe('parseTeamApi', () => {
  it('returns an empty team API and no problems without annotations', () => {
    expect(parseTeamApi(undefined)).toEqual({
      teamApi: { interactions: [] },
      problems: [],
    });
    expect(parseTeamApi({ 'backstage.io/other': 'x' })).toEqual({
      teamApi: { interactions: [] },
      problems: [],
    });
  });

  it('reads a complete, valid team API', () => {
    expect(
      parseTeamApi({
        [TYPE]: 'stream-aligned',
        [CHANNEL]: '#team-checkout',
        [INTERACTIONS]:
          'x-as-a-service:platform-runtime, collaboration:payments@2027-03-31, facilitating:group:ops/sre',
      }),
    ).toEqual({
      teamApi: {
        teamType: 'stream-aligned',
        supportChannel: '#team-checkout',
        interactions: [
          {
            mode: 'x-as-a-service',
            teamRef: 'group:default/platform-runtime',
          },
          {
            mode: 'collaboration',
            teamRef: 'group:default/payments',
            endsOn: '2027-03-31',
          },
          { mode: 'facilitating', teamRef: 'group:ops/sre' },
        ],
      },
      problems: [],
    });
  });

  it.each(TEAM_TYPES.map(t => [t]))('accepts the team type %s', teamType => {
    expect(parseTeamApi({ [TYPE]: teamType })).toEqual({
      teamApi: { teamType, interactions: [] },
      problems: [],
    });
  });

  it.each(INTERACTION_MODES.map(m => [m]))(
    'accepts the interaction mode %s (with an end date)',
    mode => {
      const { teamApi, problems } = interactions(`${mode}:payments@2027-03-31`);
      expect(problems).toEqual([]);
      expect(teamApi.interactions).toEqual([
        { mode, teamRef: 'group:default/payments', endsOn: '2027-03-31' },
      ]);
    },
  );

  it('accepts an end date on a non-collaboration and none on other modes', () => {
    const { teamApi, problems } = interactions(
      'facilitating:checkout@2026-12-31, x-as-a-service:platform-runtime',
    );
    expect(problems).toEqual([]);
    expect(teamApi.interactions).toEqual([
      {
        mode: 'facilitating',
        teamRef: 'group:default/checkout',
        endsOn: '2026-12-31',
      },
      { mode: 'x-as-a-service', teamRef: 'group:default/platform-runtime' },
    ]);
  });

  describe('team references', () => {
    it('resolves bare names in the namespace of the group', () => {
      expect(interactions('x-as-a-service:platform', 'ops').teamApi).toEqual({
        interactions: [
          { mode: 'x-as-a-service', teamRef: 'group:ops/platform' },
        ],
      });
    });

    it('keeps an explicit namespace, with or without the group kind', () => {
      const { teamApi, problems } = interactions(
        'x-as-a-service:group:ops/sre, facilitating:ops/sre, x-as-a-service:group:platform',
        'commerce',
      );
      expect(problems).toEqual([]);
      expect(teamApi.interactions.map(i => i.teamRef)).toEqual([
        'group:ops/sre',
        'group:ops/sre',
        'group:commerce/platform',
      ]);
    });

    it('normalises the kind, namespace and name to lower case', () => {
      expect(
        interactions('x-as-a-service:Group:Ops/SRE').teamApi.interactions,
      ).toEqual([{ mode: 'x-as-a-service', teamRef: 'group:ops/sre' }]);
    });

    it('defaults the namespace to "default"', () => {
      expect(
        parseTeamApi({ [INTERACTIONS]: 'facilitating:checkout' }).teamApi
          .interactions,
      ).toEqual([{ mode: 'facilitating', teamRef: 'group:default/checkout' }]);
    });
  });

  describe('support channel', () => {
    it.each([
      '#team-checkout',
      '#équipe_paiements.2',
      'https://chat.example.com/channels/checkout',
      'help-checkout@example.com',
      'mailto:help-checkout@example.com',
    ])('accepts %p', channel => {
      expect(parseTeamApi({ [CHANNEL]: channel })).toEqual({
        teamApi: { supportChannel: channel, interactions: [] },
        problems: [],
      });
    });

    it.each([
      // eslint-disable-next-line no-script-url -- the unsafe input under test
      'javascript:alert(document.cookie)',
      'ask Maya at the coffee machine',
      '#',
      '# checkout',
      'ftp://files.example.com/help',
      'https://',
      `#${'x'.repeat(200)}`,
    ])('reports %p, naming the annotation, and leaves it out', channel => {
      expect(parseTeamApi({ [CHANNEL]: channel })).toEqual({
        teamApi: { interactions: [] },
        problems: [
          `${CHANNEL} ${JSON.stringify(
            channel,
          )} is not a chat channel (#team-checkout), an http or https address or an email address`,
        ],
      });
    });
  });

  describe('whitespace', () => {
    it('trims the team type, the support channel and every entry', () => {
      expect(
        parseTeamApi({
          [TYPE]: '  platform \n',
          [CHANNEL]: '  #team-platform  ',
          [INTERACTIONS]:
            '  x-as-a-service:inventory ,\n  collaboration:checkout@2027-01-31  ,',
        }),
      ).toEqual({
        teamApi: {
          teamType: 'platform',
          supportChannel: '#team-platform',
          interactions: [
            { mode: 'x-as-a-service', teamRef: 'group:default/inventory' },
            {
              mode: 'collaboration',
              teamRef: 'group:default/checkout',
              endsOn: '2027-01-31',
            },
          ],
        },
        problems: [],
      });
    });

    it('ignores empty entries and a blank support channel', () => {
      expect(
        parseTeamApi({
          [CHANNEL]: '   ',
          [INTERACTIONS]: ' , ,, ',
        }),
      ).toEqual({ teamApi: { interactions: [] }, problems: [] });
    });

    it('rejects whitespace inside an entry', () => {
      const { teamApi, problems } = interactions(
        'x-as-a-service: platform-runtime',
      );
      expect(teamApi.interactions).toEqual([]);
      expect(problems).toEqual([
        `${INTERACTIONS} entry "x-as-a-service: platform-runtime" is not "mode:team" or "mode:team@YYYY-MM-DD"`,
      ]);
    });
  });

  describe('malformed annotations', () => {
    it('reports an unknown team type, naming the annotation and the value', () => {
      const { teamApi, problems } = parseTeamApi({ [TYPE]: 'feature-team' });
      expect(teamApi.teamType).toBeUndefined();
      expect(problems).toEqual([
        `${TYPE} "feature-team" is not a team type (stream-aligned, platform, enabling, complicated-subsystem)`,
      ]);
    });

    it('is case-sensitive about the team type', () => {
      expect(parseTeamApi({ [TYPE]: 'Platform' }).problems).toHaveLength(1);
    });

    it('reports an unknown interaction mode', () => {
      const { teamApi, problems } = interactions('consulting:payments');
      expect(teamApi.interactions).toEqual([]);
      expect(problems).toEqual([
        `${INTERACTIONS} entry "consulting:payments": "consulting" is not an interaction mode (x-as-a-service, collaboration, facilitating)`,
      ]);
    });

    it('reports a collaboration without an end date', () => {
      const { teamApi, problems } = interactions('collaboration:payments');
      expect(teamApi.interactions).toEqual([]);
      expect(problems).toEqual([
        `${INTERACTIONS} entry "collaboration:payments": a collaboration is time-boxed and needs an end date (@YYYY-MM-DD)`,
      ]);
    });

    it('reports an empty end date as a malformed entry', () => {
      expect(interactions('collaboration:payments@').problems).toEqual([
        `${INTERACTIONS} entry "collaboration:payments@" is not "mode:team" or "mode:team@YYYY-MM-DD"`,
      ]);
    });

    it.each([
      ['2027-02-30'],
      ['2026-02-29'],
      ['2027-13-01'],
      ['2027-3-31'],
      ['31.03.2027'],
      ['2027-03-31T00:00:00Z'],
      ['soon'],
    ])('reports the end date %s that is not a calendar date', date => {
      const { teamApi, problems } = interactions(
        `collaboration:payments@${date}`,
      );
      expect(teamApi.interactions).toEqual([]);
      expect(problems).toEqual([
        `${INTERACTIONS} entry "collaboration:payments@${date}": end date "${date}" is not a calendar date YYYY-MM-DD`,
      ]);
    });

    it('accepts 29 February in a leap year', () => {
      expect(
        interactions('collaboration:payments@2028-02-29').problems,
      ).toEqual([]);
    });

    it.each([['user:maya'], ['component:default/checkout'], ['api:payments']])(
      'reports %s as not a group reference',
      team => {
        const { teamApi, problems } = interactions(`facilitating:${team}`);
        expect(teamApi.interactions).toEqual([]);
        expect(problems).toEqual([
          `${INTERACTIONS} entry "facilitating:${team}": "${team}" is not a Group reference`,
        ]);
      },
    );

    it.each([
      ['payments!!'],
      ['group:default/-payments'],
      ['group:Ops_Team/payments'],
      ['group:default/payments.'],
      [`group:default/${'p'.repeat(64)}`],
    ])(
      'reports %s, whose parts the catalog would refuse, as not a group reference',
      team => {
        const { teamApi, problems } = interactions(`facilitating:${team}`);
        expect(teamApi.interactions).toEqual([]);
        expect(problems).toEqual([
          `${INTERACTIONS} entry "facilitating:${team}": "${team}" is not a Group reference`,
        ]);
      },
    );

    it.each([['group:'], ['ops/'], [':checkout']])(
      'reports the unparseable reference %s as not a group reference',
      team => {
        expect(interactions(`facilitating:${team}`).problems).toEqual([
          `${INTERACTIONS} entry "facilitating:${team}": "${team}" is not a Group reference`,
        ]);
      },
    );

    it.each([
      ['payments'],
      ['X-as-a-Service:payments'],
      ['x_as_a_service:payments'],
      [':payments'],
      ['collaboration:'],
      ['collaboration:@2027-03-31'],
      ['???'],
    ])('reports the garbage entry %j', entry => {
      const { teamApi, problems } = interactions(entry);
      expect(teamApi.interactions).toEqual([]);
      expect(problems).toEqual([
        `${INTERACTIONS} entry "${entry}" is not "mode:team" or "mode:team@YYYY-MM-DD"`,
      ]);
    });

    it('reports every problem at once and keeps the valid entries', () => {
      const { teamApi, problems } = parseTeamApi(
        {
          [TYPE]: 'squad',
          [CHANNEL]: '#team-x',
          [INTERACTIONS]: [
            'x-as-a-service:platform-runtime',
            'collaboration:payments',
            'pairing:checkout',
            'facilitating:user:maya',
            'collaboration:inventory@2027-02-30',
            'nonsense',
            'collaboration:group:ops/sre@2027-06-30',
          ].join(', '),
        },
        'commerce',
      );
      expect(teamApi).toEqual({
        supportChannel: '#team-x',
        interactions: [
          {
            mode: 'x-as-a-service',
            teamRef: 'group:commerce/platform-runtime',
          },
          {
            mode: 'collaboration',
            teamRef: 'group:ops/sre',
            endsOn: '2027-06-30',
          },
        ],
      });
      expect(problems).toEqual([
        `${TYPE} "squad" is not a team type (stream-aligned, platform, enabling, complicated-subsystem)`,
        `${INTERACTIONS} entry "collaboration:payments": a collaboration is time-boxed and needs an end date (@YYYY-MM-DD)`,
        `${INTERACTIONS} entry "pairing:checkout": "pairing" is not an interaction mode (x-as-a-service, collaboration, facilitating)`,
        `${INTERACTIONS} entry "facilitating:user:maya": "user:maya" is not a Group reference`,
        `${INTERACTIONS} entry "collaboration:inventory@2027-02-30": end date "2027-02-30" is not a calendar date YYYY-MM-DD`,
        `${INTERACTIONS} entry "nonsense" is not "mode:team" or "mode:team@YYYY-MM-DD"`,
      ]);
    });

    it('names the annotation in every problem', () => {
      const { problems } = parseTeamApi({
        [TYPE]: 'x',
        [INTERACTIONS]:
          'a, b:c, collaboration:d, facilitating:user:e, collaboration:f@2027-02-30',
      });
      expect(problems).toHaveLength(6);
      for (const problem of problems) {
        expect(
          problem.startsWith(`${TYPE} `) ||
            problem.startsWith(`${INTERACTIONS} `),
        ).toBe(true);
      }
    });
  });
});
