import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import type { AutonomyApi } from '../../api/AutonomyApi';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { ExemptionDialog } from './ExemptionDialog';
import { exemption } from './testFixtures';

const NOW = Date.parse('2026-01-10T15:00:00Z');

async function renderDialog(
  createExemption: AutonomyApi['createExemption'] = async () => exemption,
) {
  const api = { createExemption: jest.fn(createExemption) };
  const onCreated = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <ExemptionDialog
        open
        entityRef="component:shop/checkout-api"
        guardrail={{ id: 'has-runbook', title: 'Has a runbook' }}
        onClose={onClose}
        onCreated={onCreated}
      />
    </TestApiProvider>,
  );
  const dialog = screen.getByRole('dialog', {
    name: 'Request exemption: Has a runbook',
  });
  return { api, onCreated, onClose, dialog };
}

const field = (dialog: HTMLElement, label: RegExp) =>
  within(dialog).getByLabelText(label) as HTMLInputElement;

/**
 * Long text goes in as a paste: one change instead of a render per key, which on a busy two-core
 * machine took the typing past jest's five-second limit.
 */
async function paste(input: HTMLElement, text: string) {
  await userEvent.click(input);
  await userEvent.paste(text);
}

describe('ExemptionDialog', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('has labelled fields, the expiry defaulting to 30 days ahead', async () => {
    const { dialog } = await renderDialog();
    expect(field(dialog, /^Reason/)).toBeRequired();
    expect(field(dialog, /^Reason/).tagName).toBe('TEXTAREA');
    const expiry = field(dialog, /^Expiry date/);
    expect(expiry).toBeRequired();
    expect(expiry).toHaveAttribute('type', 'date');
    expect(expiry).toHaveValue('2026-02-09');
    expect(expiry).toHaveAttribute('min', '2026-01-10');
    expect(field(dialog, /^Compensating control/)).not.toBeRequired();
    expect(field(dialog, /^Decision record URL/)).not.toBeRequired();
  });

  it('requires a reason and an expiry date before sending anything', async () => {
    const { dialog, api, onCreated } = await renderDialog();
    fireEvent.change(field(dialog, /^Expiry date/), { target: { value: '' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit' }),
    );

    expect(
      within(dialog).getByText('A reason is required'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('An expiry date is required'),
    ).toBeInTheDocument();
    expect(field(dialog, /^Reason/)).toHaveAttribute('aria-invalid', 'true');
    expect(api.createExemption).not.toHaveBeenCalled();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('rejects a blank reason, a past expiry and a non-http decision record', async () => {
    const { dialog, api } = await renderDialog();
    await userEvent.type(field(dialog, /^Reason/), '   ');
    fireEvent.change(field(dialog, /^Expiry date/), {
      target: { value: '2026-01-09' },
    });
    await paste(
      field(dialog, /^Decision record URL/),
      'ftp://example.com/adr/42',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit' }),
    );

    expect(
      within(dialog).getByText('A reason is required'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('The expiry date is in the past'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Give an http(s) URL')).toBeInTheDocument();
    expect(api.createExemption).not.toHaveBeenCalled();
  });

  it('sends the request with expiresAt at the end of the chosen day (UTC), then reports the exemption', async () => {
    const { dialog, api, onCreated } = await renderDialog();
    await paste(field(dialog, /^Reason/), '  Runbook being written  ');
    fireEvent.change(field(dialog, /^Expiry date/), {
      target: { value: '2026-03-15' },
    });
    await paste(
      field(dialog, /^Compensating control/),
      'SRE shadowing on-call',
    );
    await paste(
      field(dialog, /^Decision record URL/),
      'https://example.com/adr/42',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit' }),
    );

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(exemption));
    expect(api.createExemption).toHaveBeenCalledTimes(1);
    expect(api.createExemption).toHaveBeenCalledWith({
      entityRef: 'component:shop/checkout-api',
      guardrailId: 'has-runbook',
      reason: 'Runbook being written',
      expiresAt: '2026-03-15T23:59:59.999Z',
      compensatingControl: 'SRE shadowing on-call',
      decisionRecordUrl: 'https://example.com/adr/42',
    });
  });

  it('leaves out empty optional fields and keeps the default expiry', async () => {
    const { dialog, api, onCreated } = await renderDialog();
    await userEvent.type(field(dialog, /^Reason/), 'Migrating');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit' }),
    );
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.createExemption.mock.calls[0][0]).toEqual({
      entityRef: 'component:shop/checkout-api',
      guardrailId: 'has-runbook',
      reason: 'Migrating',
      expiresAt: '2026-02-09T23:59:59.999Z',
    });
  });

  it("shows the server's message inside the dialog when it refuses", async () => {
    const { dialog, onCreated } = await renderDialog(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'InputError',
              message: 'expiresAt may be at most 90 days ahead',
            },
            response: { statusCode: 400 },
          }),
          {
            status: 400,
            statusText: 'Bad Request',
            headers: { 'content-type': 'application/json' },
          },
        ),
      );
    });
    await userEvent.type(field(dialog, /^Reason/), 'Long migration');
    fireEvent.change(field(dialog, /^Expiry date/), {
      target: { value: '2026-12-31' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not create the exemption: expiresAt may be at most 90 days ahead',
    );
    expect(onCreated).not.toHaveBeenCalled();
    // The form keeps what was typed, ready to correct and resend.
    expect(field(dialog, /^Reason/)).toHaveValue('Long migration');
    expect(
      within(dialog).getByRole('button', { name: 'Submit' }),
    ).toBeEnabled();
  });

  it('closes on Cancel without sending', async () => {
    const { dialog, api, onClose } = await renderDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    expect(onClose).toHaveBeenCalled();
    expect(api.createExemption).not.toHaveBeenCalled();
  });
});
