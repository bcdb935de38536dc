import { render, screen, within } from '@testing-library/react';
import { FactList } from './FactList';

const NOW = Date.parse('2026-01-10T12:00:00Z');

describe('FactList', () => {
  it('shows each fact with its value, source and age', () => {
    render(
      <FactList
        now={NOW}
        facts={[
          { id: 'owner.isTeam', value: true, source: 'catalog' },
          {
            id: 'coverage',
            value: 81.5,
            source: 'pushed',
            observedAt: '2026-01-07T11:00:00Z',
          },
          {
            id: 'schedules',
            value: ['primary', 'secondary'],
            source: 'provider',
            observedAt: '2026-01-10T09:00:00Z',
          },
        ]}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Facts' }))
      .getAllByRole('listitem')
      .map(li => li.textContent);
    expect(items).toEqual([
      'owner.isTeam: true · from the catalog',
      'coverage: 81.5 · pushed, observed 3 days ago',
      'schedules: primary, secondary · from a fact provider, observed 3 hours ago',
    ]);
    expect(screen.getByText('3 days ago')).toHaveAttribute(
      'dateTime',
      '2026-01-07T11:00:00Z',
    );
    expect(screen.queryByText(/Unknown/)).not.toBeInTheDocument();
  });

  it('marks unknown facts as stale or missing, in words', () => {
    render(
      <FactList
        now={NOW}
        facts={[
          {
            id: 'pagerduty',
            value: true,
            source: 'provider',
            observedAt: '2025-12-01T12:00:00Z',
            unknown: true,
          },
          { id: 'runbook', value: null, source: 'pushed', unknown: true },
        ]}
      />,
    );
    const [stale, missing] = screen.getAllByRole('listitem');
    expect(within(stale).getByText('Unknown: stale')).toBeInTheDocument();
    expect(within(stale).getByText('1 month ago')).toBeInTheDocument();
    expect(within(missing).getByText('Unknown: missing')).toBeInTheDocument();
    expect(within(missing).getByText('no value')).toBeInTheDocument();
  });

  it('says when there are no facts', () => {
    render(<FactList facts={[]} />);
    expect(
      screen.getByText('No facts recorded for this result.'),
    ).toBeInTheDocument();
  });
});
