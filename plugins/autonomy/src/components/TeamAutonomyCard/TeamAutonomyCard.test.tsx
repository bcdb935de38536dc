import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import {
  PAYMENTS,
  teamAutonomy,
  teamBoundaries,
} from '../../testUtils/boundaryFixtures';
import { TeamAutonomyCard } from './TeamAutonomyCard';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout', namespace: 'shop' },
  spec: { type: 'team', children: [] },
};

async function renderCard(api: AutonomyApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <EntityProvider entity={team}>
        <TeamAutonomyCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const api = (overrides: Partial<AutonomyApi> = {}) =>
  fakeAutonomyApi({
    getTeamAutonomy: async () => teamAutonomy(),
    getTeamBoundaries: async () => teamBoundaries(),
    ...overrides,
  });

const items = (name: string) =>
  within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map(li => li.textContent);

const notFound = () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'Not analysed yet' },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );

describe('TeamAutonomyCard', () => {
  it("asks for the team's autonomy and boundaries by its compound ref", async () => {
    const fake = api();
    await renderCard(fake);
    await screen.findByText('Trusted');
    const ref = { kind: 'Group', namespace: 'shop', name: 'checkout' };
    expect(fake.getTeamAutonomy).toHaveBeenCalledWith(ref);
    expect(fake.getTeamBoundaries).toHaveBeenCalledWith(ref);
  });

  it('shows the earned level as a badge with text', async () => {
    await renderCard(api());
    expect(await screen.findByText('Team autonomy')).toBeInTheDocument();
    expect(screen.getByText('Earned level')).toBeInTheDocument();
    const badge = screen.getByText('Trusted').closest('.MuiChip-root');
    expect(badge).not.toBeNull();
    expect(badge!.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });

  it('puts the decisions the team takes alone next to those that need review, and which review', async () => {
    await renderCard(api());
    await screen.findByText('Trusted');
    expect(items('Decided by the team')).toEqual([
      'Choose a library',
      'Pick a datastore (earned: normally design review)',
    ]);
    expect(items('Needs review')).toEqual([
      'Add a new runtime: design review',
      'Break a public API: cross-functional review',
    ]);
  });

  it('says what would widen it: what is missing and what would become local', async () => {
    await renderCard(api());
    await screen.findByText('Trusted');
    const widen = screen.getByRole('region', { name: 'What would widen it' });
    expect(widen).toHaveTextContent('Next level: Autonomous');
    expect(items('Missing for the next level')).toEqual([
      'No boundary violations (now 2)',
      '80% of services at silver or above (now 50%: 1 of 2)',
    ]);
    expect(items("Decisions that would become the team's own")).toEqual([
      'Add a new runtime',
    ]);
  });

  it('says so at the highest level', async () => {
    await renderCard(
      api({
        getTeamAutonomy: async () => ({
          ...teamAutonomy(),
          nextLevel: undefined,
        }),
      }),
    );
    expect(
      await screen.findByText(/Highest level reached/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Missing for the next level' }),
    ).not.toBeInTheDocument();
  });

  it('shows the record and the load', async () => {
    await renderCard(api());
    await screen.findByText('Trusted');
    const record = screen.getByRole('region', { name: 'Record' });
    expect(record).toHaveTextContent('Services2');
    expect(record).toHaveTextContent('By levelSilver 1 · No level 1');
    expect(record).toHaveTextContent('Boundary violations2');
    expect(record).toHaveTextContent('Open exemptions1');
    const load = screen.getByRole('region', { name: 'Load' });
    expect(load).toHaveTextContent('Owned entities7');
    expect(load).toHaveTextContent('Members4');
    expect(load).toHaveTextContent('Per member1.8');
    expect(load).toHaveTextContent('Inbound dependencies3');
    expect(load).toHaveTextContent('Outbound dependencies5');
    expect(
      document.querySelector('time[datetime="2026-01-10T08:00:00Z"]'),
    ).toBeInTheDocument();
  });

  it('says "no members" rather than a ratio for a team without members', async () => {
    const data = teamAutonomy();
    await renderCard(
      api({
        getTeamAutonomy: async () => ({
          ...data,
          load: { ...data.load, members: 0, perMember: null },
        }),
      }),
    );
    const load = await screen.findByRole('region', { name: 'Load' });
    expect(load).toHaveTextContent('Per memberno members');
  });

  it('warns about expired collaborations, and only when there are some', async () => {
    await renderCard(
      api({
        getTeamBoundaries: async () => ({
          ...teamBoundaries(),
          expiredCollaborations: [{ teamRef: PAYMENTS, endsOn: '2025-12-31' }],
        }),
      }),
    );
    const panel = await screen.findByRole('alert');
    expect(
      within(panel).getByText('Warning: 1 expired collaboration'),
    ).toBeInTheDocument();
    expect(within(panel).getByRole('listitem')).toHaveTextContent(
      'Collaboration with shop/payments ended on 2025-12-31',
    );
  });

  it('has no warning without expired collaborations', async () => {
    await renderCard(api());
    await screen.findByText('Trusted');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('still shows the autonomy when the boundaries fail', async () => {
    await renderCard(
      api({
        getTeamBoundaries: () => Promise.reject(new Error('boom')),
      }),
    );
    expect(await screen.findByText('Trusted')).toBeInTheDocument();
    expect(
      screen.getByText(/collaborations could not be checked \(boom\)/),
    ).toBeInTheDocument();
  });

  it('says "not analysed yet" on a 404', async () => {
    await renderCard(
      api({
        getTeamAutonomy: () => notFound().then(e => Promise.reject(e)),
        getTeamBoundaries: () => notFound().then(e => Promise.reject(e)),
      }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Not analysed yet' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
  });

  it('shows other errors in an error panel', async () => {
    await renderCard(
      api({
        getTeamAutonomy: () =>
          Promise.reject(new Error('Autonomy backend unavailable')),
      }),
    );
    expect(
      await screen.findAllByText(/Autonomy backend unavailable/),
    ).not.toHaveLength(0);
  });
});
