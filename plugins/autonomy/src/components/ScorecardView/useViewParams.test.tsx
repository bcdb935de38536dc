import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useNavigate } from 'react-router-dom';
import { useViewParams } from './useViewParams';

function renderViewParams(initial: string) {
  let navigate: ReturnType<typeof useNavigate> = () => {};
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
      return useViewParams();
    },
    { wrapper },
  );
  return { ...hook, navigate: (to: string) => act(() => navigate(to)) };
}

describe('useViewParams', () => {
  beforeEach(() =>
    window.history.replaceState({ usr: null, key: 'k1', idx: 3 }, '', '/a'),
  );

  it('starts from the route URL and writes changes to the address bar, keeping the router entry state', () => {
    const { result } = renderViewParams('/autonomy?level=Gold');
    expect(result.current[0].getAll('level')).toEqual(['Gold']);
    // Mounting with the same state leaves the address bar alone.
    expect(window.location.search).toBe('?level=Gold');

    act(() =>
      result.current[1](prev => {
        const next = new URLSearchParams(prev);
        next.append('level', 'Bronze');
        return next;
      }),
    );
    expect(result.current[0].getAll('level')).toEqual(['Gold', 'Bronze']);
    expect(window.location.pathname).toBe('/a');
    expect(window.location.search).toBe('?level=Gold&level=Bronze');
    expect(window.history.state).toEqual({ usr: null, key: 'k1', idx: 3 });

    act(() => result.current[1](() => new URLSearchParams()));
    expect(window.location.search).toBe('');
  });

  it('follows a real navigation, such as a link to a filtered view', () => {
    const { result, navigate } = renderViewParams('/autonomy?level=Gold');
    act(() => result.current[1](() => new URLSearchParams('q=cart')));
    expect(result.current[0].toString()).toBe('q=cart');

    navigate('/autonomy?ownerRef=group:default/checkout');
    expect(result.current[0].getAll('ownerRef')).toEqual([
      'group:default/checkout',
    ]);
    expect(result.current[0].get('q')).toBeNull();
  });
});
