/**
 * Annotation keys read by Aligned Autonomy. All live under the `aligned-autonomy.io/` prefix so
 * they never collide with other plugins' keys.
 *
 * @public
 */
export const AUTONOMY_ANNOTATIONS = {
  /** The entity's mission, as an entity reference (`mission:default/checkout`). */
  mission: 'aligned-autonomy.io/mission',
  /** Service tier: `1` (most critical) to `3`. */
  tier: 'aligned-autonomy.io/tier',
  /** Link to the service's runbook. */
  runbook: 'aligned-autonomy.io/runbook',
  /** Where the on-call rota lives, e.g. `pagerduty:PABC123`. */
  onCall: 'aligned-autonomy.io/on-call',
  /** The service's availability objective in percent, e.g. `99.95`. */
  slo: 'aligned-autonomy.io/slo',
  /** SLA an API's providing team offers: availability in percent. */
  slaAvailability: 'aligned-autonomy.io/sla-availability',
  /** SLA an API's providing team offers: p99 latency, e.g. `300ms`. */
  slaLatencyP99: 'aligned-autonomy.io/sla-latency-p99',
  /** SLA an API's providing team offers: support hours, e.g. `24x7`. */
  slaSupport: 'aligned-autonomy.io/sla-support',
  /** Team API on groups: stream-aligned, platform, enabling or complicated-subsystem. */
  teamType: 'aligned-autonomy.io/team-type',
  /** Team API on groups: where to ask the team for help. */
  supportChannel: 'aligned-autonomy.io/support-channel',
  /** Team API on groups: `mode:team[@end-date]`, comma separated. */
  interactions: 'aligned-autonomy.io/interactions',
} as const;
