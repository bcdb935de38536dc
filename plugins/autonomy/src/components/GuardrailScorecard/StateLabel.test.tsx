import { render, screen } from '@testing-library/react';
import {
  GUARDRAIL_STATES,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import { StateLabel } from './StateLabel';

describe('StateLabel', () => {
  it.each([
    ['pass', 'Pass'],
    ['fail', 'Fail'],
    ['warning', 'Warning'],
    ['exempt', 'Exempt'],
    ['unknown', 'Unknown'],
    ['error', 'Error'],
    ['not-applicable', 'Not applicable'],
  ] as [GuardrailState, string][])(
    'shows %s as the word "%s" with a decorative icon',
    (state, text) => {
      const { container } = render(<StateLabel state={state} />);
      expect(container.textContent).toBe(text);
      const icon = container.querySelector('svg');
      expect(icon).toHaveAttribute('aria-hidden', 'true');
      expect(icon).toHaveAttribute('data-state', state);
    },
  );

  it('has a distinct word for every state', () => {
    const words = GUARDRAIL_STATES.map(state => {
      const { container, unmount } = render(<StateLabel state={state} />);
      const text = container.textContent;
      unmount();
      return text;
    });
    expect(new Set(words).size).toBe(GUARDRAIL_STATES.length);
    expect(screen.queryByText('undefined')).not.toBeInTheDocument();
  });
});
