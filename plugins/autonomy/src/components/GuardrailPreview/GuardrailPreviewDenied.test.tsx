import { screen } from '@testing-library/react';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { renderPreview } from './__testUtils__/previewFixtures';

// A file of its own: permission decisions are cached per permission for the whole module.
describe('GuardrailPreviewContent without the permission', () => {
  it('says the policy does not allow previews, with no form to send', async () => {
    const api = fakeAutonomyApi();
    await renderPreview(api, false);
    expect(await screen.findByText(/does not allow you/)).toHaveTextContent(
      'autonomy.guardrail.preview',
    );
    expect(
      screen.queryByRole('button', { name: 'Preview impact' }),
    ).not.toBeInTheDocument();
  });
});
