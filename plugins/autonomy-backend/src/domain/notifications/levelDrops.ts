import {
  autonomyTabLink,
  NOTIFICATION_TOPICS,
  type AutonomyNotification,
} from './notifications';

/** An entity whose stored level changed in a run or a single-entity re-evaluation. */
export interface LevelChange {
  entityRef: string;
  title: string;
  ownerRef?: string;
  /** undefined: no level reached. */
  fromLevel?: string;
  fromRank: number;
  toLevel?: string;
  toRank: number;
}

const levelName = (level: string | undefined) => level ?? 'no level';

/**
 * One notification to the owning team per entity that lost a level, keyed by the entity, the two
 * levels and the day: a drop found again by a later run (or another replica) is the same
 * notification. Entities without an owner have nobody to tell.
 */
export function levelDropNotifications(
  changes: LevelChange[],
  day: string,
): AutonomyNotification[] {
  return changes
    .filter(c => c.toRank < c.fromRank && c.ownerRef)
    .map(c => ({
      key: `level-dropped:${c.entityRef}:${levelName(c.fromLevel)}>${levelName(
        c.toLevel,
      )}:${day}`,
      topic: NOTIFICATION_TOPICS.levelDropped,
      recipients: [c.ownerRef!],
      payload: {
        title: `${c.title} dropped from ${levelName(
          c.fromLevel,
        )} to ${levelName(c.toLevel)}`,
        description: `${
          c.entityRef
        } no longer meets every guardrail of ${levelName(
          c.fromLevel,
        )}. Its Autonomy tab lists what fails and how to fix it.`,
        link: autonomyTabLink(c.entityRef),
        severity: 'high',
      },
    }));
}
