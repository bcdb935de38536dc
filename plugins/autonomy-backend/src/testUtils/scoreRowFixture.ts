/**
 * An `autonomy_entity_scores` row as a test writes it straight into the table: a component with
 * no results counted, evaluated at `evaluatedAt`, with the given columns on top.
 */
export function scoreRowFixture(
  name: string,
  evaluatedAt: string,
  columns: Record<string, unknown> = {},
) {
  return {
    entity_ref: `component:default/${name}`,
    kind: 'component',
    title: name,
    level_rank: -1,
    pass_count: 0,
    fail_count: 0,
    warning_count: 0,
    exempt_count: 0,
    unknown_count: 0,
    error_count: 0,
    failing_guardrail_ids: '[]',
    blocking_next: '[]',
    evaluated_at: evaluatedAt,
    ...columns,
  };
}
