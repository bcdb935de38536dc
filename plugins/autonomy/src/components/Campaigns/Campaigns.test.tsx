import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { rootRouteRef } from '../../routes';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { CampaignDetails } from './CampaignDetails';
import { CampaignList } from './CampaignList';
import { EntityCampaignsCard } from './EntityCampaignsCard';
import { deadlineLabel } from './campaignWords';
import { pastDue, tier1, tier1Page } from './testFixtures';

const render = (api: AutonomyApi, element: JSX.Element, entity?: Entity) =>
  renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/autonomy': rootRouteRef,
      },
    },
  );

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

describe('deadlineLabel', () => {
  it('says when a campaign is due, or since when it is enforced', () => {
    expect(deadlineLabel(tier1, '2027-03-17')).toBe(
      'due 31 March (in 14 days)',
    );
    expect(deadlineLabel(tier1, '2026-11-26')).toBe(
      'due 31 March 2027 (in 14 days)',
    );
    expect(deadlineLabel({ ...tier1, daysLeft: 0 }, '2027-03-31')).toBe(
      'due today, 31 March',
    );
    expect(deadlineLabel(pastDue, '2026-11-26')).toBe(
      'enforced since 15 November',
    );
  });
});

describe('CampaignList', () => {
  it('lists each campaign with its deadline, progress and link', async () => {
    const api = fakeAutonomyApi({
      listCampaigns: async () => ({ items: [pastDue, tier1] }),
    });
    await render(api, <CampaignList />);
    const rows = within(
      await screen.findByRole('table', { name: 'Campaigns' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('Docs next to the code');
    expect(rows[1]).toHaveTextContent('enforced since 15 November');
    expect(rows[1]).toHaveTextContent('9 of 13 done');
    expect(
      within(rows[2]).getByRole('link', { name: 'Tier-1 SLOs' }),
    ).toHaveAttribute('href', '/autonomy/campaigns/default/tier1-slos');
    expect(
      within(rows[2]).getByRole('progressbar', {
        name: 'Tier-1 SLOs: entities done',
      }),
    ).toHaveAttribute('aria-valuenow', '60');
  });
});

describe('CampaignDetails', () => {
  it('shows the burn-up, the teams behind and what each must fix', async () => {
    const api = fakeAutonomyApi({ getCampaign: async () => tier1Page });
    await render(
      api,
      <CampaignDetails namespace="default" name="tier1-slos" />,
    );
    expect(api.getCampaign).toHaveBeenCalledWith({
      kind: 'campaign',
      namespace: 'default',
      name: 'tier1-slos',
    });
    expect(
      await screen.findByRole('img', { name: /^Burn-up overall: 3 of 5 done/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^Burn-up checkout: 1 of 2 done/ }),
    ).toBeInTheDocument();
    expect(screen.getByText(/no guardrail has this id/)).toBeInTheDocument();
    const fixes = screen.getByRole('table', { name: 'What search must fix' });
    expect(fixes).toHaveTextContent('Search API');
    expect(fixes).toHaveTextContent('Add aligned-autonomy.io/slo.');
    expect(fixes).toHaveTextContent('Tier-1 service has an SLO');
    expect(fixes).toHaveTextContent('Warning');
  });

  it('says so when the campaign is unknown', async () => {
    const response = new Response(
      JSON.stringify({ error: { name: 'NotFoundError', message: 'No' } }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
    const notFound = await ResponseError.fromResponse(response as any);
    const api = fakeAutonomyApi({
      getCampaign: async () => {
        throw notFound;
      },
    });
    await render(api, <CampaignDetails namespace="default" name="gone" />);
    expect(
      await screen.findByText(/No campaign default\/gone in the last analysis/),
    ).toBeInTheDocument();
  });
});

describe('EntityCampaignsCard', () => {
  it('on a service page: the campaign, its deadline and progress, and the entity standing', async () => {
    const api = fakeAutonomyApi({
      listCampaigns: async () => ({
        items: [
          {
            ...tier1,
            entity: {
              entityRef: 'component:default/search-api',
              done: false,
              failingGuardrailIds: ['tier1-has-slo'],
            },
          },
        ],
      }),
    });
    await render(
      api,
      <EntityCampaignsCard />,
      entity('Component', 'search-api'),
    );
    expect(
      await screen.findByRole('link', {
        name: /^Campaign Tier-1 SLOs — due 31 March 2027 \(in 14 days\): 3 of 5 done$/,
      }),
    ).toHaveAttribute('href', '/autonomy/campaigns/default/tier1-slos');
    expect(
      screen.getByText('This entity still fails: tier1-has-slo'),
    ).toBeInTheDocument();
    expect(api.listCampaigns).toHaveBeenCalledWith({
      entityRef: 'component:default/search-api',
    });
  });

  it("on a team page: the team's own progress", async () => {
    const api = fakeAutonomyApi({
      listCampaigns: async () => ({ items: [tier1] }),
    });
    await render(api, <EntityCampaignsCard />, entity('Group', 'Checkout'));
    expect(
      await screen.findByText(
        /1 of 2 done of this team's entities \(3 of 5 done overall\)/,
      ),
    ).toBeInTheDocument();
    expect(api.listCampaigns).toHaveBeenCalledWith({
      teamRef: 'group:default/checkout',
    });
  });

  it('renders nothing when no campaign concerns the entity', async () => {
    const api = fakeAutonomyApi({
      listCampaigns: async () => ({ items: [] }),
    });
    await render(
      api,
      <div data-testid="host">
        <EntityCampaignsCard />
      </div>,
      entity('Component', 'quiet'),
    );
    await screen.findByTestId('host');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(api.listCampaigns).toHaveBeenCalled();
    expect(screen.getByTestId('host')).toBeEmptyDOMElement();
  });
});
