import {
  hasFilters,
  readViewState,
  withParams,
  withoutFilters,
} from './urlState';

describe('scorecard URL state', () => {
  it('reads repeated filters, the sort and the 1-based page', () => {
    const state = readViewState(
      new URLSearchParams(
        'ownerRef=group:default/a&ownerRef=group:default/b&ownerRef=group:default/a&level=none&state=fail&state=bogus&guardrailId=g&q=%20cart%20&orderBy=failing&page=3',
      ),
    );
    expect(state).toEqual({
      filters: {
        ownerRef: ['group:default/a', 'group:default/b'],
        level: ['none'],
        state: ['fail'],
        guardrailId: 'g',
        q: 'cart',
      },
      orderBy: 'failing',
      order: 'desc',
      page: 2,
    });
    expect(hasFilters(state)).toBe(true);
  });

  it('falls back to the defaults for anything invalid', () => {
    const state = readViewState(
      new URLSearchParams('orderBy=owner&order=up&page=-4&q=%20%20'),
    );
    expect(state).toEqual({
      filters: {},
      orderBy: 'title',
      order: 'asc',
      page: 0,
    });
    expect(hasFilters(state)).toBe(false);
    expect(readViewState(new URLSearchParams('page=1.5')).page).toBe(0);
  });

  it('replaces parameters and goes back to the first page unless told otherwise', () => {
    const params = new URLSearchParams(
      'ownerRef=a&ownerRef=b&orderBy=score&page=4&other=kept',
    );
    expect(
      withParams(params, { ownerRef: ['c'], q: undefined }).toString(),
    ).toBe('orderBy=score&other=kept&ownerRef=c');
    expect(
      withParams(params, { page: '5' }, { keepPage: true }).get('page'),
    ).toBe('5');
    expect(
      withoutFilters(
        new URLSearchParams('ownerRef=a&level=none&q=x&orderBy=score&page=2'),
      ).toString(),
    ).toBe('orderBy=score');
  });
});
