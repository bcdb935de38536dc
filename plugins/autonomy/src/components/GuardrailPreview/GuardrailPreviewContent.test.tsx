import { fireEvent, screen, within } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { impact, renderPreview } from './__testUtils__/previewFixtures';

describe('GuardrailPreviewContent', () => {
  it('previews the pasted definition and shows its impact', async () => {
    const api = fakeAutonomyApi({ previewGuardrail: async () => impact });
    await renderPreview(api);
    const box = await screen.findByRole('textbox', {
      name: /guardrail definition/i,
    });
    fireEvent.change(box, { target: { value: 'id: coverage' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview impact' }));
    expect(
      await screen.findByText(
        /It would apply to 6 entities: 3 pass, 2 fail, 1 unknown/,
      ),
    ).toBeInTheDocument();
    expect(api.previewGuardrail).toHaveBeenCalledWith('id: coverage');
    const teams = screen.getByRole('table', { name: 'Team' });
    expect(within(teams).getAllByRole('row')).toHaveLength(3);
    expect(within(teams).getByText('No owner')).toBeInTheDocument();
    const examples = screen.getByRole('list', { name: 'Failing examples' });
    expect(
      within(examples).getByText('ci.coverage is 55, not at least 80'),
    ).toBeInTheDocument();
    const moves = screen.getByRole('table', { name: 'Level moves' });
    expect(within(moves).getByText('1 down, 0 up')).toBeInTheDocument();
    expect(within(moves).getByText('Silver')).toBeInTheDocument();
    expect(within(moves).getByText('Bronze')).toBeInTheDocument();
  });

  it('shows the field the server names for a bad definition', async () => {
    const api = fakeAutonomyApi({
      previewGuardrail: async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'InputError',
                message:
                  'Invalid guardrail definition at definition.rule.greaterThen (guardrail "coverage"): unknown operator "greaterThen"',
              },
              response: { statusCode: 400 },
            }),
            { status: 400, headers: { 'Content-Type': 'application/json' } },
          ) as any,
        );
      },
    });
    await renderPreview(api);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Preview impact' }),
    );
    const problem = await screen.findByRole('alert', {
      name: 'Definition problem',
    });
    expect(problem).toHaveTextContent('definition.rule.greaterThen');
    expect(screen.queryByText(/It would apply/)).not.toBeInTheDocument();
  });
});
