import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { GuardrailState } from '@aligned-autonomy/plugin-autonomy-common';
import { GuardrailRow } from './GuardrailRow';
import { exemption, guardrails, scorecard } from './testFixtures';

const definition = (id: string) =>
  guardrails.guardrails.find(g => g.id === id)!;
const result = (id: string) =>
  scorecard().results.find(r => r.guardrailId === id)!;

async function renderRow(row: JSX.Element) {
  return renderInTestApp(<ul>{row}</ul>, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('GuardrailRow', () => {
  it('shows state, title and level, collapsed; expands to the rationale and facts', async () => {
    await renderRow(
      <GuardrailRow
        result={result('has-runbook')}
        definition={definition('has-runbook')}
        onRequestExemption={jest.fn()}
      />,
    );
    const toggle = screen.getByRole('button', {
      name: /Has a runbook/,
      expanded: false,
    });
    expect(toggle).toHaveTextContent('Fail');
    expect(toggle).toHaveTextContent('Level Silver');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText(/3am/)).not.toBeInTheDocument();

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const details = screen.getByRole('region', {
      name: 'Has a runbook: details',
    });
    expect(toggle).toHaveAttribute('aria-controls', details.id);
    expect(
      within(details).getByText('runbook.present is false, expected true'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText(
        'On-call engineers need to know what to do at 3am.',
      ),
    ).toBeInTheDocument();
    expect(within(details).getByText('Longer outages.')).toBeInTheDocument();
    expect(
      within(details).getByText('Add the runbook annotation.'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('Ask the SRE guild for an exemption.'),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('link', {
        name: /https:\/\/example\.com\/adr\/12/,
      }),
    ).toHaveAttribute('href', 'https://example.com/adr/12');
    expect(within(details).getByRole('link', { name: /sre/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/sre',
    );
    expect(
      within(details).getByRole('list', { name: 'Facts' }),
    ).toHaveTextContent('runbook.present: false · pushed, observed 3 days ago');

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it.each(['fail', 'warning', 'unknown'] as GuardrailState[])(
    'offers "Request exemption" for state %s',
    async state => {
      const onRequestExemption = jest.fn();
      await renderRow(
        <GuardrailRow
          result={{ ...result('has-runbook'), state }}
          definition={definition('has-runbook')}
          onRequestExemption={onRequestExemption}
        />,
      );
      const button = screen.getByRole('button', {
        name: 'Request exemption for Has a runbook',
      });
      expect(button).toHaveTextContent('Request exemption');
      await userEvent.click(button);
      expect(onRequestExemption).toHaveBeenCalledTimes(1);
    },
  );

  it.each(['pass', 'exempt', 'error', 'not-applicable'] as GuardrailState[])(
    'offers no exemption for state %s',
    async state => {
      await renderRow(
        <GuardrailRow
          result={{ ...result('has-runbook'), state }}
          definition={definition('has-runbook')}
          onRequestExemption={jest.fn()}
        />,
      );
      expect(
        screen.queryByRole('button', { name: /Request exemption/ }),
      ).not.toBeInTheDocument();
    },
  );

  it('shows the exemption of an exempt guardrail', async () => {
    await renderRow(
      <GuardrailRow
        result={result('sbom')}
        definition={definition('sbom')}
        exemption={exemption}
      />,
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: /Publishes an SBOM/,
        expanded: false,
      }),
    );
    const details = screen.getByLabelText('Exemption');
    expect(details.tagName).toBe('DL');
    expect(details).toHaveTextContent('SBOM tooling lands next quarter');
    expect(details).toHaveTextContent('Expires31 Mar 2026');
    expect(details).toHaveTextContent('Manual dependency review');
    expect(within(details).getByRole('link', { name: /jane/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
  });

  it('falls back to the guardrail id when its definition is unknown', async () => {
    await renderRow(<GuardrailRow result={result('has-runbook')} />);
    expect(
      screen.getByRole('button', { name: /has-runbook/, expanded: false }),
    ).toBeInTheDocument();
  });
});
