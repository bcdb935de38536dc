import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { orgHistory } from '../../testUtils/scorecardFixtures';
import { TrendChart } from './OrgTrend';

describe('TrendChart', () => {
  it('draws the average score with labelled axes and says first → last in its name', async () => {
    await renderInTestApp(
      <TrendChart points={orgHistory([80, null, 85.55]).points} days={90} />,
    );
    const chart = screen.getByRole('img', {
      name: 'Average score over the last 90 days: from 80 on 19 Nov 2026 to 85.6 on 21 Nov 2026',
    });
    expect(within(chart).getByText('Average score')).toBeInTheDocument();
    expect(within(chart).getByText('Day')).toBeInTheDocument();
    expect(within(chart).getByText('19 Nov 2026')).toBeInTheDocument();
    expect(within(chart).getByText('21 Nov 2026')).toBeInTheDocument();
    ['0', '50', '100'].forEach(tick =>
      expect(within(chart).getByText(tick)).toBeInTheDocument(),
    );
    // Days without a score are skipped, not drawn as zero.
    expect(
      chart.querySelector('polyline')?.getAttribute('points')?.split(' '),
    ).toHaveLength(2);
  });

  it('gives the latest average in words when there is not enough history for a line', async () => {
    await renderInTestApp(
      <TrendChart points={orgHistory([94.2]).points} days={90} />,
    );
    expect(
      screen.getByText(
        'Not enough history for a trend yet: the average score is 94.2 (19 Nov 2026).',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
