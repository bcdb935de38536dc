import type { MissionSummary } from '@aligned-autonomy/plugin-autonomy-common';

/** A mission summary for tests, named `name`, with any field overridden. */
export const missionSummary = (
  name: string,
  overrides: Partial<MissionSummary> = {},
): MissionSummary => ({
  ref: `mission:default/${name}`,
  title: name,
  ownerRef: 'group:default/leadership',
  statement: `${name} statement`,
  why: `${name} why`,
  stale: false,
  successMetrics: [],
  ...overrides,
});
