import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation, useNavigate } from 'react-router-dom';
import { useViewParams } from './useViewParams';

/** Renders the hook on a route entry, with the address bar showing the same URL as a browser would. */
function renderViewParams(initial: string, routerState?: unknown) {
  window.history.replaceState(routerState ?? null, '', initial);
  let navigate: ReturnType<typeof useNavigate> = () => {};
  const locations: string[] = [];
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter
      initialEntries={[initial]}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      {children}
    </MemoryRouter>
  );
  const hook = renderHook(
    () => {
      navigate = useNavigate();
      const location = useLocation();
      if (locations[locations.length - 1] !== location.key)
        locations.push(location.key);
      return useViewParams();
    },
    { wrapper },
  );
  return {
    ...hook,
    locations,
    navigate: (to: string) => act(() => navigate(to)),
  };
}

const set = (search: string) => () => new URLSearchParams(search);

describe('useViewParams', () => {
  it('writes changes to the address bar without a router navigation, keeping the entry state', () => {
    const entry = { usr: null, key: 'k1', idx: 3 };
    const { result, locations } = renderViewParams(
      '/autonomy?level=Gold',
      entry,
    );
    expect(result.current[0].getAll('level')).toEqual(['Gold']);

    act(() =>
      result.current[1](prev => {
        const next = new URLSearchParams(prev);
        next.append('level', 'Bronze');
        return next;
      }),
    );
    expect(result.current[0].getAll('level')).toEqual(['Gold', 'Bronze']);
    expect(window.location.pathname).toBe('/autonomy');
    expect(window.location.search).toBe('?level=Gold&level=Bronze');
    expect(window.history.state).toEqual(entry);
    expect(locations).toHaveLength(1);

    act(() => result.current[1](set('')));
    expect(window.location.search).toBe('');
  });

  it('follows a real navigation, such as a link to a filtered view', () => {
    const { result, navigate } = renderViewParams('/autonomy?level=Gold');
    act(() => result.current[1](set('q=cart')));
    expect(result.current[0].toString()).toBe('q=cart');

    navigate('/autonomy?ownerRef=group:default/checkout');
    expect(result.current[0].getAll('ownerRef')).toEqual([
      'group:default/checkout',
    ]);
    expect(result.current[0].get('q')).toBeNull();
  });

  it('starts from the address bar when mounted again without a navigation', () => {
    const first = renderViewParams('/autonomy?level=Gold');
    act(() => first.result.current[1](set('q=cart')));
    first.unmount();

    // The router entry still says ?level=Gold; the address bar says what the user chose since.
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MemoryRouter
        initialEntries={['/autonomy?level=Gold']}
        future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
      >
        {children}
      </MemoryRouter>
    );
    const { result } = renderHook(() => useViewParams(), { wrapper });
    expect(result.current[0].toString()).toBe('q=cart');
    expect(window.location.search).toBe('?q=cart');
  });

  it('leaves the address bar alone once it shows another page', () => {
    const { result } = renderViewParams('/autonomy');
    // The app has moved on (say, to an entity page) while a debounced search was pending.
    window.history.replaceState(null, '', '/catalog/default/component/cart');
    act(() => result.current[1](set('q=cart')));
    expect(window.location.pathname).toBe('/catalog/default/component/cart');
    expect(window.location.search).toBe('');
  });
});
