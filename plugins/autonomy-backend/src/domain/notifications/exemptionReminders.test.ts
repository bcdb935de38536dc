import {
  exemptionReminderNotifications,
  type ExpiringExemption,
} from './exemptionReminders';

const exemption = (expiresAt: string): ExpiringExemption => ({
  id: 'e1',
  entityRef: 'component:default/checkout-api',
  guardrailId: 'tier1-has-slo',
  guardrailTitle: 'Tier-1 service has an SLO',
  expiresAt,
  createdBy: 'user:default/ada',
  ownerRef: 'group:default/checkout',
});
const now = new Date('2026-11-26T10:00:00Z');

describe('exemptionReminderNotifications', () => {
  it('sends nothing more than 7 days ahead', () => {
    expect(
      exemptionReminderNotifications([exemption('2026-12-04T09:00:00Z')], now),
    ).toEqual([]);
  });

  it('reminds the requester and the owning team 7 days ahead, linking to the entity', () => {
    const [n] = exemptionReminderNotifications(
      [exemption('2026-12-03T09:00:00Z')],
      now,
    );
    expect(n.key).toBe('exemption-expiring:e1:7-days');
    expect(n.topic).toBe('autonomy-exemption-expiring');
    expect(n.recipients).toEqual([
      'user:default/ada',
      'group:default/checkout',
    ]);
    expect(n.payload.title).toContain('expires in 7 days (2026-12-03)');
    expect(n.payload.link).toBe(
      '/catalog/default/component/checkout-api/autonomy',
    );
  });

  it('keeps the 7-day key for every day of the last week, so that stage is sent once', () => {
    const keys = ['2026-12-01T00:00:00Z', '2026-11-27T23:00:00Z'].map(
      at => exemptionReminderNotifications([exemption(at)], now)[0].key,
    );
    expect(keys).toEqual([
      'exemption-expiring:e1:7-days',
      'exemption-expiring:e1:7-days',
    ]);
  });

  it('reminds again on the day, until it has expired', () => {
    const [n] = exemptionReminderNotifications(
      [exemption('2026-11-26T18:00:00Z')],
      now,
    );
    expect(n.key).toBe('exemption-expiring:e1:today');
    expect(n.payload.title).toContain('expires today at 18:00 UTC');
    expect(
      exemptionReminderNotifications([exemption('2026-11-26T09:59:00Z')], now),
    ).toEqual([]);
  });
});
