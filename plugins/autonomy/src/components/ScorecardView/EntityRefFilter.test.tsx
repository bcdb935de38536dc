import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  entityPresentationApiRef,
  type EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import { EntityRefFilter } from './EntityRefFilter';
import { optionTexts } from '../../testUtils/listbox';

const TEAMS = [
  'group:default/checkout',
  'group:default/payments',
  'group:default/search',
];

/** A presentation API that knows the teams' display names, answering only when asked. */
const presentationApi: EntityPresentationApi = {
  forEntity: ref => {
    const name = String(ref).split('/')[1];
    const title = `Team ${name[0].toLocaleUpperCase('en-US')}${name.slice(1)}`;
    const snapshot = { entityRef: String(ref), primaryTitle: name };
    // The filter reads the snapshot and the promise, never the update stream.
    return {
      snapshot,
      promise: Promise.resolve({ ...snapshot, primaryTitle: title }),
    } as ReturnType<EntityPresentationApi['forEntity']>;
  },
};

async function renderFilter(value?: string[]) {
  const onChange = jest.fn();
  const element = (props: { value?: string[] }) => (
    <TestApiProvider apis={[[entityPresentationApiRef, presentationApi]]}>
      <EntityRefFilter
        id="team"
        label="Team"
        allLabel="All teams"
        options={TEAMS}
        value={props.value}
        onChange={onChange}
      />
    </TestApiProvider>
  );
  const rendered = await renderInTestApp(element({ value }));
  return {
    onChange,
    rerender: (next?: string[]) => rendered.rerender(element({ value: next })),
  };
}

describe('EntityRefFilter', () => {
  it('shows display names once opened and matches typed text against them', async () => {
    const { onChange } = await renderFilter();
    const input = screen.getByRole('textbox', { name: 'Team' });
    expect(input).toHaveAttribute('placeholder', 'All teams');

    await userEvent.click(input);
    const listbox = await screen.findByRole('listbox');
    await waitFor(() =>
      expect(optionTexts(listbox)).toEqual([
        'Team Checkout',
        'Team Payments',
        'Team Search',
      ]),
    );

    await userEvent.type(input, 'team pay');
    const narrowed = await screen.findByRole('listbox');
    expect(optionTexts(narrowed)).toEqual(['Team Payments']);
    await userEvent.click(within(narrowed).getByRole('option'));
    expect(onChange).toHaveBeenLastCalledWith(['group:default/payments']);
  });

  it('keeps what is typed when the parent renders again with no value', async () => {
    const { rerender } = await renderFilter();
    const input = screen.getByRole('textbox', { name: 'Team' });
    await userEvent.type(input, 'sea');
    rerender(undefined);
    expect(input).toHaveValue('sea');
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Team Search']);
  });

  it('shows the chosen values by display name without being opened', async () => {
    await renderFilter(['group:default/payments']);
    const team = screen.getByRole('combobox', { name: 'Team' });
    expect(
      await within(team).findByRole('button', { name: 'Team Payments' }),
    ).toBeVisible();
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('keeps what is typed when the chosen values come again as a new array', async () => {
    const { rerender } = await renderFilter(['group:default/checkout']);
    const input = screen.getByRole('textbox', { name: 'Team' });
    await userEvent.type(input, 'sea');
    rerender(['group:default/checkout']);
    expect(input).toHaveValue('sea');
  });

  it('keeps a chosen value that is not offered, so it can be removed', async () => {
    const { onChange } = await renderFilter(['group:default/gone']);
    const input = screen.getByRole('textbox', { name: 'Team' });
    await userEvent.click(input);
    const gone = await within(await screen.findByRole('listbox')).findByRole(
      'option',
      { name: /gone/i },
    );
    expect(gone).toHaveAttribute('aria-selected', 'true');
    await userEvent.click(gone);
    expect(onChange).toHaveBeenLastCalledWith([]);
  });
});
