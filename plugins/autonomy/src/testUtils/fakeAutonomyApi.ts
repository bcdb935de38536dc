import type { AutonomyApi } from '../api/AutonomyApi';

/**
 * An AutonomyApi for tests: every method is a jest mock that rejects unless overridden, so a
 * component calling something it should not fails loudly.
 */
export function fakeAutonomyApi(
  overrides: Partial<AutonomyApi> = {},
): jest.Mocked<AutonomyApi> {
  const unused = (name: string) => () =>
    Promise.reject(new Error(`${name} is not used by this test`));
  const methods: (keyof AutonomyApi)[] = [
    'getMissionChain',
    'getMissionTree',
    'getStaleMissions',
    'getTeamsWithoutMission',
    'getBrokenChains',
    'getGuardrails',
    'previewGuardrail',
    'getGuardrail',
    'getGuardrailFailing',
    'getTeamGuardrails',
    'getEntityScorecard',
    'createExemption',
    'revokeExemption',
    'getEntityBoundaries',
    'getTeamBoundaries',
    'getTeamAutonomy',
    'getBoundaryMap',
    'getOwnershipGaps',
    'listScorecards',
    'scorecardsCsvUrl',
    'downloadScorecardsCsv',
    'getHeatmap',
    'getHistory',
    'getRollups',
    'listCampaigns',
    'getCampaign',
  ];
  return Object.fromEntries(
    methods.map(m => [
      m,
      jest.fn((overrides[m] ?? unused(m)) as (...args: unknown[]) => unknown),
    ]),
  ) as unknown as jest.Mocked<AutonomyApi>;
}
