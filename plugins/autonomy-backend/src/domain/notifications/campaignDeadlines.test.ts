import {
  campaignDeadlineNotifications,
  type CampaignDeadline,
} from './campaignDeadlines';

const campaign = (daysLeft: number): CampaignDeadline => ({
  ref: 'campaign:default/tier1-readiness',
  title: 'Tier-1 readiness',
  deadline: '2027-03-31',
  daysLeft,
  teams: [
    { teamRef: 'group:default/checkout', done: 3, total: 5 },
    { teamRef: 'group:default/payments', done: 4, total: 4 },
    { teamRef: '', done: 0, total: 1 },
  ],
});

describe('campaignDeadlineNotifications', () => {
  it('reminds only the teams still behind, 14 days ahead, linking to the campaign page', () => {
    const due = campaignDeadlineNotifications([campaign(14)]);
    expect(due).toEqual([
      {
        key: 'campaign-deadline:campaign:default/tier1-readiness:group:default/checkout:14-days',
        topic: 'autonomy-campaign-deadline',
        recipients: ['group:default/checkout'],
        payload: expect.objectContaining({
          title:
            'Campaign "Tier-1 readiness" is due in 14 days (2027-03-31): 3 of 5 done',
          link: '/autonomy/campaigns/default/tier1-readiness',
          severity: 'normal',
        }),
      },
    ]);
  });

  it('keeps one key per stage over its days, and a second stage from 3 days', () => {
    const keys = [10, 4, 3, 1].map(d =>
      campaignDeadlineNotifications([campaign(d)])[0]
        .key.split(':')
        .pop(),
    );
    expect(keys).toEqual(['14-days', '14-days', '3-days', '3-days']);
  });

  it('says nothing further ahead or once the deadline has come', () => {
    expect(
      campaignDeadlineNotifications([campaign(15), campaign(0), campaign(-2)]),
    ).toEqual([]);
  });
});
