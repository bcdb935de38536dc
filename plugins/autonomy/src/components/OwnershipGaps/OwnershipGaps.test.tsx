import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { ownershipGaps } from '../../testUtils/boundaryFixtures';
import { OwnershipGaps } from './OwnershipGaps';

async function renderGaps(api: AutonomyApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <OwnershipGaps />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** Body rows as their cells' text. */
const rows = () =>
  screen
    .getAllByRole('row')
    .filter(r => within(r).queryAllByRole('cell').length === 4)
    .map(r =>
      within(r)
        .getAllByRole('cell')
        .map(c => c.textContent),
    );

describe('OwnershipGaps', () => {
  it('lists every gap with its type in words, the entity, the owner and the message', async () => {
    const api = fakeAutonomyApi({
      getOwnershipGaps: async () => ownershipGaps(),
    });
    await renderGaps(api);
    expect(await screen.findByText('Ownership gaps (4)')).toBeInTheDocument();
    expect(rows()).toEqual([
      ['No owner', 'orphan-job', 'None', 'Has no owner'],
      [
        'Owner not in the catalog',
        'shop/legacy-cart',
        'group:shop/ghosts',
        'Owner group:shop/ghosts is not in the catalog',
      ],
      [
        'Owned by a person',
        'shop/promo-api',
        'jane',
        'Owned by a person (user:default/jane), not a team',
      ],
      [
        'Team without members',
        'shop/ghost-team',
        'None',
        'A team with no members cannot own anything in practice',
      ],
    ]);
    expect(screen.getByRole('link', { name: /orphan-job/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/orphan-job',
    );
    expect(screen.getByRole('link', { name: /jane/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    // The missing owner is not linked: it is not in the catalog.
    expect(
      screen.queryByRole('link', { name: /ghosts/ }),
    ).not.toBeInTheDocument();
  });

  it('filters the rows by type of gap', async () => {
    await renderGaps(
      fakeAutonomyApi({ getOwnershipGaps: async () => ownershipGaps() }),
    );
    await screen.findByText('Ownership gaps (4)');

    await userEvent.click(screen.getByRole('button', { name: /Type of gap/ }));
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'All types (4)',
      'No owner (1)',
      'Owner not in the catalog (1)',
      'Owned by a person (1)',
      'Team without members (1)',
    ]);
    await userEvent.click(
      within(listbox).getByRole('option', { name: 'Owned by a person (1)' }),
    );
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0][0]).toBe('Owned by a person');
    expect(screen.getByText('Ownership gaps (1)')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Type of gap/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'All types (4)' }),
    );
    await waitFor(() => expect(rows()).toHaveLength(4));
  });

  it('says so when there are no gaps', async () => {
    await renderGaps(
      fakeAutonomyApi({
        getOwnershipGaps: async () => ({ ...ownershipGaps(), items: [] }),
      }),
    );
    expect(
      await screen.findByText(/No ownership gaps: everything has a team/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Type of gap/ }),
    ).not.toBeInTheDocument();
  });

  it('shows the error when the API fails', async () => {
    await renderGaps(
      fakeAutonomyApi({
        getOwnershipGaps: () =>
          Promise.reject(new Error('Autonomy backend unavailable')),
      }),
    );
    expect(
      await screen.findAllByText(/Autonomy backend unavailable/),
    ).not.toHaveLength(0);
  });
});
