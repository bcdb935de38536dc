import { checkExemptionRequest } from './exemptionRequest';

const NOW = new Date('2026-11-21T12:00:00Z');
const options = { guardrailIds: new Set(['runbook']), maxDays: 30, now: NOW };
const request = {
  entityRef: 'component:default/a',
  guardrailId: 'runbook',
  reason: 'Writing it',
  expiresAt: '2026-12-01T00:00:00Z',
};
const problems = (extra: object) =>
  checkExemptionRequest({ ...request, ...extra }, options).problems;

describe('checkExemptionRequest', () => {
  it('accepts a request and returns its expiry', () => {
    expect(
      checkExemptionRequest(
        {
          ...request,
          expiresAt: '2026-12-01T01:00:00+01:00',
          decisionRecordUrl: 'https://adr.example.com/42',
        },
        options,
      ),
    ).toEqual({ problems: [], expiresAt: new Date('2026-12-01T00:00:00Z') });
    expect(
      problems({ decisionRecordUrl: 'HTTP://adr.example.com/42' }),
    ).toEqual([]);
  });

  it.each([
    '2026-11-31T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-12-01',
    '2026-12-01T00:00:00',
    'next month',
  ])('refuses the expiry %p: not a timestamp on the calendar', expiresAt => {
    expect(problems({ expiresAt })).toEqual([
      `expiresAt "${expiresAt}" is not an ISO 8601 timestamp with a time zone on the calendar, e.g. 2026-12-31T17:00:00Z`,
    ]);
  });

  it('refuses an expiry in the past or beyond the maximum', () => {
    expect(problems({ expiresAt: '2026-11-21T12:00:00Z' })).toEqual([
      'expiresAt must be in the future',
    ]);
    expect(problems({ expiresAt: '2026-12-21T12:00:01Z' })).toEqual([
      'expiresAt is more than 30 days ahead (autonomy.guardrails.exemptions.maxDays)',
    ]);
  });

  it.each([
    // eslint-disable-next-line no-script-url -- the unsafe input under test
    'javascript:alert(document.cookie)',
    // eslint-disable-next-line no-script-url -- the unsafe input under test
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '//evil.example.com/adr',
    'adr-42',
  ])('refuses the decision record %p: only http and https', url => {
    expect(problems({ decisionRecordUrl: url })).toEqual([
      `decisionRecordUrl ${JSON.stringify(
        url,
      )} is not an http or https address`,
    ]);
  });

  it('names every problem at once', () => {
    expect(
      problems({
        guardrailId: 'nope',
        expiresAt: '2026-11-31T00:00:00Z',
        // eslint-disable-next-line no-script-url -- the unsafe input under test
        decisionRecordUrl: 'javascript:void 0',
      }),
    ).toEqual([
      'guardrailId "nope" is not a configured guardrail',
      expect.stringMatching(/^expiresAt "2026-11-31T00:00:00Z" is not/),
      expect.stringMatching(/^decisionRecordUrl "javascript:void 0"/),
    ]);
  });
});
