import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';

type Update = (prev: URLSearchParams) => URLSearchParams;

/**
 * The view's query string, held in component state and written to the address bar with
 * `history.replaceState` rather than a router navigation. A navigation re-renders every route and
 * the app shell (sidebar, tabs) on each filter change, which cost ~0.5 s with 10,000 services;
 * Backstage's catalog filters keep their URL the same way (`EntityListProvider`). A real navigation
 * (a link to a filtered view, back or forward) still sets the state from the URL.
 */
export function useViewParams(): [URLSearchParams, (update: Update) => void] {
  const location = useLocation();
  const [params, setParams] = useState(
    () => new URLSearchParams(location.search),
  );

  const followed = useRef(location);
  useEffect(() => {
    if (followed.current === location) return;
    followed.current = location;
    setParams(new URLSearchParams(location.search));
  }, [location]);

  useEffect(() => {
    const search = params.toString();
    const { pathname, hash } = window.location;
    const url = `${pathname}${search ? `?${search}` : ''}${hash}`;
    if (url !== `${pathname}${window.location.search}${hash}`) {
      // The router's own entry state (its key and index) is kept, so back and forward still work.
      window.history.replaceState(window.history.state, '', url);
    }
  }, [params]);

  const update = useCallback((fn: Update) => setParams(prev => fn(prev)), []);
  return [params, update];
}
