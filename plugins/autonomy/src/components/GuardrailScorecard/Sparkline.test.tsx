import { render, screen } from '@testing-library/react';
import { Sparkline } from './Sparkline';
import { trend } from './testFixtures';

describe('Sparkline', () => {
  it('says the span and the first and last score in its accessible name', () => {
    render(<Sparkline points={trend([70, ...Array(28).fill(75), 82])} />);
    const svg = screen.getByRole('img', {
      name: 'Score trend over 30 days: from 70 to 82',
    });
    const points = svg
      .querySelector('polyline')!
      .getAttribute('points')!
      .split(' ');
    expect(points).toHaveLength(30);
  });

  it('skips days without a score, and rounds scores in words', () => {
    render(<Sparkline points={trend([null, 60.4, null, 71.6, null])} />);
    const svg = screen.getByRole('img', {
      name: 'Score trend over 5 days: from 60 to 72',
    });
    expect(
      svg.querySelector('polyline')!.getAttribute('points')!.split(' '),
    ).toHaveLength(2);
  });

  it('draws the highest score at the top and the lowest at the bottom', () => {
    render(<Sparkline points={trend([10, 90])} width={100} height={40} />);
    const [first, last] = screen
      .getByRole('img')
      .querySelector('polyline')!
      .getAttribute('points')!
      .split(' ')
      .map(p => p.split(',').map(Number));
    expect(first[1]).toBeGreaterThan(last[1]);
    expect(first[0]).toBeLessThan(last[0]);
  });

  it('draws a flat line in the middle for a constant score', () => {
    render(<Sparkline points={trend([50, 50, 50])} height={40} />);
    const ys = screen
      .getByRole('img')
      .querySelector('polyline')!
      .getAttribute('points')!
      .split(' ')
      .map(p => Number(p.split(',')[1]));
    expect(ys).toEqual([20, 20, 20]);
  });

  it.each([
    ['no points', []],
    ['one point', [80]],
    ['one scored point among empty days', [null, 80, null]],
  ])('renders nothing with %s', (_, scores) => {
    const { container } = render(<Sparkline points={trend(scores)} />);
    expect(container).toBeEmptyDOMElement();
  });
});
