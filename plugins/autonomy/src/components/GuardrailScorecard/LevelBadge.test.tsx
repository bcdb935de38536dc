import { render, screen } from '@testing-library/react';
import { LevelBadge } from './LevelBadge';

describe('LevelBadge', () => {
  it('names the level in words, capitalised, with an icon', () => {
    const { container } = render(<LevelBadge level="silver" />);
    expect(screen.getByText('Silver')).toBeInTheDocument();
    expect(container.querySelector('svg')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
  });

  it('says "No level yet" when no level is reached', () => {
    render(<LevelBadge level={null} />);
    expect(screen.getByText('No level yet')).toBeInTheDocument();
  });
});
