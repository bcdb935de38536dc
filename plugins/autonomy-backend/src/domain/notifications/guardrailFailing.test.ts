import { guardrailFailingNotifications } from './guardrailFailing';

const guardrails = [
  {
    id: 'has-slo',
    title: 'Has an SLO',
    howToFix: 'Add the slo annotation.',
    required: true,
  },
  {
    id: 'nice-docs',
    title: 'Nice docs',
    howToFix: 'Write docs.',
    required: false,
  },
];
const team = 'group:default/checkout';

describe('guardrailFailingNotifications', () => {
  it('tells a team when a required guardrail starts failing for it', () => {
    const [n, ...rest] = guardrailFailingNotifications(
      [],
      [{ ownerRef: team, guardrailId: 'has-slo' }],
      guardrails,
      '2026-11-26',
    );
    expect(rest).toEqual([]);
    expect(n).toMatchObject({
      key: 'guardrail-failing:group:default/checkout:has-slo:2026-11-26',
      topic: 'autonomy-guardrail-failing',
      recipients: [team],
      payload: {
        title: '"Has an SLO" now fails for group:default/checkout',
        link: '/catalog/default/group/checkout/autonomy',
      },
    });
    expect(n.payload.description).toContain('Add the slo annotation.');
  });

  it('says nothing when the team failed it already, or for guardrails that are not required', () => {
    expect(
      guardrailFailingNotifications(
        [{ ownerRef: team, guardrailId: 'has-slo' }],
        [
          { ownerRef: team, guardrailId: 'has-slo' },
          { ownerRef: team, guardrailId: 'nice-docs' },
          { ownerRef: team, guardrailId: 'unknown-id' },
        ],
        guardrails,
        '2026-11-26',
      ),
    ).toEqual([]);
  });
});
