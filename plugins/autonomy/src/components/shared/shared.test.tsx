import { render, screen } from '@testing-library/react';
import type { MissionSummary } from '@aligned-autonomy/plugin-autonomy-common';
import { EvaluatedAt } from './EvaluatedAt';
import { StaleChip } from './StaleChip';
import { MissionMarkdown, safeLinkUri } from './MissionMarkdown';

const mission = (overrides: Partial<MissionSummary>): MissionSummary => ({
  ref: 'mission:default/m',
  title: 'M',
  ownerRef: 'group:default/t',
  statement: 's',
  why: 'w',
  stale: false,
  successMetrics: [],
  ...overrides,
});

describe('StaleChip', () => {
  it('says since when a stale mission is overdue', () => {
    render(
      <StaleChip mission={mission({ stale: true, reviewBy: '2026-09-30' })} />,
    );
    expect(
      screen.getByText('Review overdue since 2026-09-30'),
    ).toBeInTheDocument();
  });

  it('says overdue without a date when none is known', () => {
    render(<StaleChip mission={mission({ stale: true })} />);
    expect(screen.getByText('Review overdue')).toBeInTheDocument();
  });

  it('shows nothing for a current mission', () => {
    const { container } = render(
      <StaleChip mission={mission({ reviewBy: '2027-01-01' })} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});

describe('EvaluatedAt', () => {
  it('shows when the data was evaluated, with the exact time machine-readable', () => {
    render(<EvaluatedAt at="2026-11-21T10:35:44.737Z" />);
    const time = screen.getByText(/21 Nov 2026/);
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('dateTime', '2026-11-21T10:35:44.737Z');
  });
});

describe('safeLinkUri', () => {
  it.each([
    ['https://example.com/adr/1', true],
    ['mailto:team@example.com', true],
    ['/catalog/default/group/checkout', true],
    // eslint-disable-next-line no-script-url -- the unsafe input under test
    ['javascript:alert(1)', false],
    [' JavaScript:alert(1)', false],
    ['data:text/html,<b>x</b>', false],
    // Protocol-relative: these leave the site, whatever the page's scheme.
    ['//evil.example.com/login', false],
    ['/\\evil.example.com/login', false],
    ['\\\\evil.example.com/login', false],
    ['./docs/adr-1', true],
    ['#why', true],
  ])('%s kept: %s', (uri, kept) => {
    expect(safeLinkUri(uri)).toBe(kept ? uri : '');
  });
});

describe('MissionMarkdown', () => {
  it('renders Markdown, and a protocol-relative link as no link', () => {
    render(
      <MissionMarkdown content="Read the [ADR](https://example.com/adr/1) and [this](//evil.example.com/login)." />,
    );
    expect(screen.getByRole('link', { name: /ADR/ })).toHaveAttribute(
      'href',
      'https://example.com/adr/1',
    );
    expect(screen.queryByRole('link', { name: /this/ })).toBeNull();
    expect(screen.getByText(/and this\./)).toBeInTheDocument();
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });

  it('renders hostile nesting without overflowing: 5,000 nested quotes and lists', () => {
    const { container } = render(
      <MissionMarkdown
        content={`${'>'.repeat(5000)} deep\n\n${'- '.repeat(2000)}list`}
      />,
    );
    expect(container).toHaveTextContent('deep');
    expect(container.querySelectorAll('blockquote').length).toBeLessThanOrEqual(
      8,
    );
    expect(container.querySelectorAll('ul').length).toBeLessThanOrEqual(8);
  });

  it('renders at most the length a mission may have', () => {
    const { container } = render(
      <MissionMarkdown content={`${'a'.repeat(4000)}TAIL`} />,
    );
    expect(container).toHaveTextContent(`${'a'.repeat(4000)}…`);
    expect(container).not.toHaveTextContent('TAIL');
  });
});
