import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/** The organisation view's path; `/autonomy` when the app does not mount the page. */
export function useAutonomyPath(): string {
  try {
    // Every hook inside runs before it can throw: catching keeps the hook order.
    return useRouteRef(rootRouteRef)();
  } catch {
    return '/autonomy';
  }
}
