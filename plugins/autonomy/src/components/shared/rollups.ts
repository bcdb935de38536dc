import type { Rollup } from '@aligned-autonomy/plugin-autonomy-common';
import type { AutonomyApi, RollupScope } from '../../api/AutonomyApi';

/** The backend's largest page of roll-ups. */
const ROLLUP_PAGE = 500;
/** Enough pages for 5,000 teams, systems or domains; a guard against a total that never ends. */
const MAX_PAGES = 10;

/** Every roll-up of a scope, page by page (they are sorted by ref). */
export async function fetchAllRollups(
  api: Pick<AutonomyApi, 'getRollups'>,
  scope: Exclude<RollupScope, 'org'>,
): Promise<Rollup[]> {
  const items: Rollup[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.getRollups(scope, {
      limit: ROLLUP_PAGE,
      offset: page * ROLLUP_PAGE,
    });
    items.push(...result.items);
    if (result.items.length === 0 || (page + 1) * ROLLUP_PAGE >= result.total)
      break;
  }
  return items;
}
