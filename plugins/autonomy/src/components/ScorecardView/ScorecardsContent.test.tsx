import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { ScorecardsContent } from './ScorecardsContent';

describe('ScorecardsContent', () => {
  it('offers a starter configuration instead of empty scorecards when no guardrail is configured', async () => {
    const api = fakeAutonomyApi({
      getGuardrails: async () => ({
        levels: ['bronze', 'silver', 'gold'],
        guardrails: [],
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[autonomyApiRef, api]]}>
        <ScorecardsContent />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText('No guardrails configured yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName === 'CODE' &&
          !!el.textContent?.includes('autonomy:\n  guardrails:'),
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Entity scorecards' }),
    ).not.toBeInTheDocument();
  });
});
