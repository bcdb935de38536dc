import { render, screen } from '@testing-library/react';
import { ChartFrame } from './ChartFrame';

describe('ChartFrame', () => {
  it('names the chart in words and sizes it to its box, shrinking with its container', () => {
    render(
      <ChartFrame label="Burn-up overall: 3 of 5 done" width={560} height={200}>
        <circle cx={1} cy={1} r={1} />
      </ChartFrame>,
    );
    const chart = screen.getByRole('img', {
      name: 'Burn-up overall: 3 of 5 done',
    });
    expect(chart).toHaveAttribute('viewBox', '0 0 560 200');
    expect(chart).toHaveAttribute('width', '100%');
    expect(chart).toHaveStyle({ maxWidth: '560px' });
    expect(chart.querySelector('title')).toHaveTextContent(
      'Burn-up overall: 3 of 5 done',
    );
    expect(chart.querySelector('circle')).not.toBeNull();
  });
});
