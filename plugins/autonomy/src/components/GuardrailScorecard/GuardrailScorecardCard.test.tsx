import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  AuthorizeResult,
  type EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { alertApiRef, type AlertApi } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  CreateExemptionRequest,
  EntityScorecardResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { GuardrailScorecardCard } from './GuardrailScorecardCard';
import { exemption, guardrails, scorecard } from './testFixtures';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'shop' },
  spec: { type: 'service', owner: 'group:shop/checkout' },
};

function makeApi(
  getEntityScorecard: AutonomyApi['getEntityScorecard'] = async () =>
    scorecard(),
  createExemption: AutonomyApi['createExemption'] = async () => exemption,
): jest.Mocked<AutonomyApi> {
  return fakeAutonomyApi({
    getGuardrails: async () => guardrails,
    getEntityScorecard,
    createExemption,
  });
}

async function renderCard(
  api: AutonomyApi,
  alertApi: Pick<AlertApi, 'post'> = { post: jest.fn() },
  permissionApi = mockApis.permission(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [autonomyApiRef, api],
        [alertApiRef, alertApi],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <GuardrailScorecardCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const guardrailList = () => screen.findByRole('list', { name: 'Guardrails' });
const rowToggles = (list: HTMLElement) =>
  within(list)
    .getAllByRole('button', { expanded: false })
    .concat(within(list).queryAllByRole('button', { expanded: true }));

const notFound = () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No scorecard yet' },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );

describe('GuardrailScorecardCard', () => {
  it("asks for the scorecard of the entity's compound ref and the guardrail definitions", async () => {
    const api = makeApi();
    await renderCard(api);
    await guardrailList();
    expect(api.getEntityScorecard).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'shop',
      name: 'checkout-api',
    });
    expect(api.getGuardrails).toHaveBeenCalledTimes(1);
  });

  it('shows the level, score, next level, counts per state, trend and freshness', async () => {
    await renderCard(makeApi());
    await guardrailList();
    expect(screen.getByText('Guardrails')).toBeInTheDocument();
    expect(screen.getByText('Bronze')).toBeInTheDocument();
    expect(screen.getByText('82 / 100')).toBeInTheDocument();
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName === 'P' &&
          el.textContent ===
            'Next level: Silver — 1 guardrail blocks it: Has a runbook',
      ),
    ).toBeInTheDocument();
    const counts = screen.getByRole('list', { name: 'Guardrails by state' });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'Pass: 1',
      'Fail: 1',
      'Warning: 1',
      'Not applicable: 1',
      'Exempt: 1',
      'Unknown: 1',
    ]);
    expect(
      screen.getByRole('img', {
        name: 'Score trend over 30 days: from 70 to 82',
      }),
    ).toBeInTheDocument();
    expect(
      document.querySelector('time[datetime="2026-01-10T08:00:00Z"]'),
    ).toBeInTheDocument();
  });

  it('lists applicable guardrails with their state in words, problems first, and hides not-applicable ones until asked', async () => {
    await renderCard(makeApi());
    const list = await guardrailList();
    const rows = () =>
      within(list)
        .getAllByRole('listitem')
        .map(li => within(li).getAllByRole('button')[0].textContent);
    expect(rows()).toEqual([
      'FailHas a runbookLevel Silver',
      'UnknownHas an on-call rotationLevel Gold',
      'WarningChaos testedLevel Gold',
      'ExemptPublishes an SBOMLevel Silver',
      'PassOwned by a teamLevel Bronze',
    ]);
    expect(within(list).queryByText('Has an API spec')).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show 1 not applicable' }),
    );
    expect(rows()).toHaveLength(6);
    expect(rows()[5]).toBe('Not applicableHas an API specLevel Bronze');

    await userEvent.click(
      screen.getByRole('button', { name: 'Hide 1 not applicable' }),
    );
    expect(rows()).toHaveLength(5);
  });

  it('expands a row to its rationale, message and facts, marking stale facts', async () => {
    await renderCard(makeApi());
    const list = await guardrailList();
    expect(rowToggles(list)).toHaveLength(5);
    await userEvent.click(
      within(list).getByRole('button', {
        name: /Has an on-call rotation/,
        expanded: false,
      }),
    );
    const details = screen.getByRole('region', {
      name: 'Has an on-call rotation: details',
    });
    expect(
      within(details).getByText('pagerduty.schedules is older than 7 days'),
    ).toBeInTheDocument();
    expect(within(details).getByText('on-call why')).toBeInTheDocument();
    expect(
      within(details).getByText(
        'Enforced from 1 Jun 2026; failures are warnings until then',
      ),
    ).toBeInTheDocument();
    const facts = within(details).getByRole('list', { name: 'Facts' });
    expect(facts).toHaveTextContent(
      'pagerduty.schedules: primary, secondary · from a fact provider, observed 1 month ago',
    );
    expect(within(facts).getByText('Unknown: stale')).toBeInTheDocument();
  });

  it('offers an exemption on failing, warning and unknown rows only', async () => {
    await renderCard(makeApi());
    await guardrailList();
    expect(
      screen
        .getAllByRole('button', { name: /^Request exemption for / })
        .map(b => b.getAttribute('aria-label')),
    ).toEqual([
      'Request exemption for Has a runbook',
      'Request exemption for Has an on-call rotation',
      'Request exemption for Chaos tested',
    ]);
  });

  it('offers no exemption to someone the permission policy does not allow to create one', async () => {
    const asked: EvaluatePermissionRequest[] = [];
    await renderCard(
      // Its own entity: decisions are cached per permission and resource across renders.
      makeApi(async () => ({
        ...scorecard(),
        entityRef: 'component:shop/payments-api',
      })),
      undefined,
      mockApis.permission({
        authorize: request => {
          asked.push(request);
          return AuthorizeResult.DENY;
        },
      }),
    );
    await guardrailList();
    await waitFor(() => expect(asked).toHaveLength(1));
    // Let the answer arrive and render: while it is pending the button is hidden too.
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(asked[0]).toMatchObject({
      permission: { name: 'autonomy.exemption.create' },
      resourceRef: 'component:shop/payments-api',
    });
    expect(
      screen.queryByRole('button', { name: /^Request exemption for / }),
    ).not.toBeInTheDocument();
  });

  it('requests an exemption, then reloads and shows the guardrail as exempt', async () => {
    const exemptNow = (): EntityScorecardResponse => {
      const data = scorecard();
      const runbookExemption = {
        ...exemption,
        id: 'ex-2',
        guardrailId: 'has-runbook',
        reason: 'Runbook being written',
      };
      return {
        ...data,
        results: data.results.map(r =>
          r.guardrailId === 'has-runbook'
            ? { ...r, state: 'exempt', exemptionId: 'ex-2' }
            : r,
        ),
        exemptions: [...data.exemptions, runbookExemption],
      };
    };
    const responses = [scorecard(), exemptNow()];
    const api = makeApi(async () => responses.shift()!);
    const alertApi = { post: jest.fn() };
    await renderCard(api, alertApi);
    await guardrailList();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Request exemption for Has a runbook',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Request exemption: Has a runbook',
    });
    await userEvent.type(
      within(dialog).getByLabelText(/^Reason/),
      'Runbook being written',
    );
    fireEvent.change(within(dialog).getByLabelText(/^Expiry date/), {
      target: { value: '2099-01-31' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const request: CreateExemptionRequest =
      api.createExemption.mock.calls[0][0];
    expect(request).toMatchObject({
      entityRef: 'component:shop/checkout-api',
      guardrailId: 'has-runbook',
      reason: 'Runbook being written',
      expiresAt: '2099-01-31T23:59:59.999Z',
    });
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Exemption from "Has a runbook" created',
        severity: 'success',
      }),
    );
    await waitFor(() =>
      expect(api.getEntityScorecard).toHaveBeenCalledTimes(2),
    );
    const toggle = await screen.findByRole('button', {
      name: /Exempt\s*Has a runbook/,
    });
    expect(toggle).toHaveTextContent('ExemptHas a runbook');
    expect(
      screen.queryByRole('button', {
        name: 'Request exemption for Has a runbook',
      }),
    ).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(screen.getAllByLabelText('Exemption')[0]).toHaveTextContent(
      'Runbook being written',
    );
  });

  it('says "not evaluated yet" on a 404, without an error panel', async () => {
    await renderCard(makeApi(() => notFound().then(e => Promise.reject(e))));
    expect(
      await screen.findByRole('heading', { name: 'Not evaluated yet' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Guardrails' }),
    ).not.toBeInTheDocument();
  });

  it('shows other errors in an error panel', async () => {
    await renderCard(
      makeApi(() => Promise.reject(new Error('Autonomy backend unavailable'))),
    );
    expect(
      await screen.findAllByText(/Autonomy backend unavailable/),
    ).not.toHaveLength(0);
    expect(
      screen.queryByRole('heading', { name: 'Not evaluated yet' }),
    ).not.toBeInTheDocument();
  });

  it('says when no guardrail applies, without a score, keeping the not-applicable ones reachable', async () => {
    const data = scorecard();
    await renderCard(
      makeApi(async () => ({
        ...data,
        level: null,
        score: null,
        nextLevel: undefined,
        counts: {
          pass: 0,
          fail: 0,
          warning: 0,
          'not-applicable': 2,
          exempt: 0,
          unknown: 0,
          error: 0,
        },
        results: [
          { guardrailId: 'api-spec', state: 'not-applicable', facts: [] },
          { guardrailId: 'sbom', state: 'not-applicable', facts: [] },
        ],
        exemptions: [],
        trend: [],
      })),
    );
    expect(
      await screen.findByRole('heading', { name: 'No guardrails apply' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/\/ 100/)).not.toBeInTheDocument();
    expect(screen.queryByText('No level yet')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 2 not applicable' }),
    );
    expect(
      within(screen.getByRole('list', { name: 'Guardrails' })).getAllByText(
        'Not applicable',
      ),
    ).toHaveLength(2);
  });

  it('shows "No level yet" and no trend for a new entity with a single scored day', async () => {
    const data = scorecard();
    await renderCard(
      makeApi(async () => ({
        ...data,
        level: null,
        score: 40,
        nextLevel: {
          level: 'bronze',
          blockingGuardrailIds: ['owner-is-team', 'has-runbook'],
        },
        trend: data.trend.slice(-1),
      })),
    );
    expect(await screen.findByText('No level yet')).toBeInTheDocument();
    expect(screen.getByText('40 / 100')).toBeInTheDocument();
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName === 'P' &&
          el.textContent ===
            'Next level: Bronze — 2 guardrails block it: Owned by a team, Has a runbook',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /Score trend/ }),
    ).not.toBeInTheDocument();
  });

  describe('on the first day', () => {
    // The snippet is highlighted, so its text is split over many elements.
    const codeContaining = (text: string) =>
      screen.getByText(
        (_, el) => el?.tagName === 'CODE' && !!el.textContent?.includes(text),
      );

    it('offers a starter configuration when no guardrail is configured, with no level, score or stamp', async () => {
      await renderCard(
        makeApi(async () => ({
          entityRef: 'component:shop/checkout-api',
          status: 'no-guardrails-configured',
          guardrailCount: 0,
        })),
      );
      expect(
        await screen.findByText('No guardrails configured yet'),
      ).toBeInTheDocument();
      expect(codeContaining('id: owned-by-a-team')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
      expect(screen.queryByText(/Not evaluated yet/)).not.toBeInTheDocument();
      expect(screen.queryByText(/^Evaluated/)).not.toBeInTheDocument();
      expect(screen.queryByText(/No level/)).not.toBeInTheDocument();
    });

    it('says no guardrail applies, and how to write one that does', async () => {
      await renderCard(
        makeApi(async () => ({
          entityRef: 'component:shop/checkout-api',
          status: 'no-guardrail-applies',
          guardrailCount: 9,
          evaluatedAt: '2026-01-10T08:00:00Z',
        })),
      );
      expect(
        await screen.findByText('No guardrail applies to this entity'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/None of the organisation's 9 guardrails matches it/),
      ).toBeInTheDocument();
      expect(
        codeContaining('appliesTo: { kind: [component] }'),
      ).toBeInTheDocument();
      expect(screen.queryByText(/Not evaluated yet/)).not.toBeInTheDocument();
      expect(screen.queryByText(/^Evaluated/)).not.toBeInTheDocument();
    });

    it('explains a level that waits for a guardrail to pass, and how levels are decided', async () => {
      const data = scorecard();
      await renderCard(
        makeApi(async () => ({
          ...data,
          level: null,
          score: 0,
          nextLevel: { level: 'gold', blockingGuardrailIds: ['chaos-tested'] },
        })),
      );
      expect(await screen.findByText('No level yet')).toBeInTheDocument();
      expect(
        screen.getByText(
          (_, el) =>
            el?.tagName === 'P' &&
            el.textContent ===
              'Next level: Gold — needs one of its guardrails to pass: Chaos tested',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          /A level is reached when at least one of its guardrails passes/,
        ),
      ).toBeInTheDocument();
    });
  });
});
