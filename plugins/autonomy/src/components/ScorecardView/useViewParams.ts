import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';

type Update = (prev: URLSearchParams) => URLSearchParams;

/** True while the address bar shows the route's page (the app may be served below a base path). */
const onPage = (routePathname: string) =>
  window.location.pathname.endsWith(routePathname);

/**
 * The view's query string, held in component state and written to the address bar with
 * `history.replaceState` rather than a router navigation. A navigation re-renders every route and
 * the app shell (sidebar, tabs) on each filter change, which cost ~0.5 s with 10,000 services;
 * Backstage's catalog filters keep their URL the same way (`EntityListProvider`). A real navigation
 * (a link to a filtered view, back or forward) still sets the state from the URL.
 *
 * The router's own location keeps the query it was entered with, so the address bar is the source
 * of truth on (re)mount.
 */
export function useViewParams(): [URLSearchParams, (update: Update) => void] {
  const location = useLocation();
  const [params, setParams] = useState(
    () =>
      new URLSearchParams(
        onPage(location.pathname) ? window.location.search : location.search,
      ),
  );

  const followed = useRef(location);
  useEffect(() => {
    if (followed.current === location) return;
    followed.current = location;
    setParams(new URLSearchParams(location.search));
  }, [location]);

  useEffect(() => {
    // A late update (a debounced search) after the app has moved on must not touch another page.
    if (!onPage(location.pathname)) return;
    const search = params.toString();
    const { pathname, hash } = window.location;
    const url = `${pathname}${search ? `?${search}` : ''}${hash}`;
    if (url !== `${pathname}${window.location.search}${hash}`) {
      // The router's own entry state (its key and index) is kept, so back and forward still work.
      window.history.replaceState(window.history.state, '', url);
    }
  }, [params, location.pathname]);

  const update = useCallback((fn: Update) => setParams(prev => fn(prev)), []);
  return [params, update];
}
