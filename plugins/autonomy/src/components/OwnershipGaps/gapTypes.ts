import type { OwnershipGap } from '@aligned-autonomy/plugin-autonomy-common';

export const GAP_TYPE_LABELS: Record<OwnershipGap['type'], string> = {
  'no-owner': 'No owner',
  'missing-owner': 'Owner not in the catalog',
  'person-owner': 'Owned by a person',
  'team-without-members': 'Team without members',
  'scattered-system': 'System spread over many teams',
};

/** Filter order: the most urgent gaps first. */
export const GAP_TYPES = Object.keys(GAP_TYPE_LABELS) as OwnershipGap['type'][];
