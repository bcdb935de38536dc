import { render, screen } from '@testing-library/react';
import type { MissionSuccessMetric } from '@aligned-autonomy/plugin-autonomy-common';
import { MetricProgress, metricProgress } from './MetricProgress';

const metric = (
  overrides: Partial<MissionSuccessMetric>,
): MissionSuccessMetric => ({
  name: 'Checkout conversion',
  target: 80,
  direction: 'increase',
  ...overrides,
});

describe('metricProgress', () => {
  it('is the share of the target reached for an increasing metric', () => {
    expect(
      metricProgress(
        metric({ direction: 'increase', target: 80, current: 20 }),
      ),
    ).toBe(25);
    expect(
      metricProgress(
        metric({ direction: 'increase', target: 80, current: 80 }),
      ),
    ).toBe(100);
  });

  it('is target / current for a decreasing metric above its target', () => {
    expect(
      metricProgress(
        metric({ direction: 'decrease', target: 200, current: 800 }),
      ),
    ).toBe(25);
  });

  it('is 100 for a decreasing metric at or below its target', () => {
    expect(
      metricProgress(
        metric({ direction: 'decrease', target: 200, current: 200 }),
      ),
    ).toBe(100);
    expect(
      metricProgress(
        metric({ direction: 'decrease', target: 200, current: 50 }),
      ),
    ).toBe(100);
  });

  it('clamps to 0..100', () => {
    expect(
      metricProgress(
        metric({ direction: 'increase', target: 80, current: 160 }),
      ),
    ).toBe(100);
    expect(
      metricProgress(
        metric({ direction: 'increase', target: 80, current: -40 }),
      ),
    ).toBe(0);
    expect(
      metricProgress(
        metric({ direction: 'decrease', target: -10, current: 5 }),
      ),
    ).toBe(0);
  });

  it('is undefined when there is no current value', () => {
    expect(metricProgress(metric({ current: undefined }))).toBeUndefined();
    expect(
      metricProgress(metric({ current: undefined, factId: 'conversion' })),
    ).toBeUndefined();
  });

  it('handles a target of 0 without dividing by zero', () => {
    // "increase to at least 0": any non-negative value meets it.
    expect(
      metricProgress(metric({ direction: 'increase', target: 0, current: 0 })),
    ).toBe(100);
    expect(
      metricProgress(metric({ direction: 'increase', target: 0, current: 3 })),
    ).toBe(100);
    expect(
      metricProgress(metric({ direction: 'increase', target: 0, current: -1 })),
    ).toBe(0);
    // "decrease to at most 0": met at 0, nothing while still above.
    expect(
      metricProgress(metric({ direction: 'decrease', target: 0, current: 0 })),
    ).toBe(100);
    expect(
      metricProgress(metric({ direction: 'decrease', target: 0, current: 4 })),
    ).toBe(0);
  });
});

describe('MetricProgress', () => {
  it('shows current against target in words, with unit and measurement date', () => {
    render(
      <MetricProgress
        metric={metric({
          name: 'p95 latency',
          direction: 'decrease',
          target: 200,
          current: 1250,
          unit: 'ms',
          measuredAt: '2025-03-01',
        })}
      />,
    );
    expect(screen.getByText('p95 latency')).toBeInTheDocument();
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName === 'P' &&
          el.textContent ===
            'p95 latency: 1,250 ms (measured 2025-03-01), target at most 200 ms',
      ),
    ).toBeInTheDocument();
  });

  it('says "at least" for an increasing metric', () => {
    render(<MetricProgress metric={metric({ current: 40, unit: '%' })} />);
    expect(screen.getByText(/40 %, target at least 80 %/)).toBeInTheDocument();
  });

  it('gives the progress bar an accessible label with the rounded percentage', () => {
    render(
      <MetricProgress
        metric={metric({ name: 'Checkout conversion', target: 3, current: 1 })}
      />,
    );
    const bar = screen.getByRole('progressbar', {
      name: 'Checkout conversion: 33% of target',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '33');
  });

  it('names the fact when the value comes only from a fact, and shows no bar', () => {
    render(
      <MetricProgress
        metric={metric({ factId: 'checkout-conversion-rate' })}
      />,
    );
    expect(
      screen.getByText(
        /from fact checkout-conversion-rate, target at least 80/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says "not measured yet" without a value or fact, and shows no bar', () => {
    render(<MetricProgress metric={metric({})} />);
    expect(
      screen.getByText(/not measured yet, target at least 80/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});
