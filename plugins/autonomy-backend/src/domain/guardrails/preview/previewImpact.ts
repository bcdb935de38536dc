import type {
  GuardrailPreviewCounts,
  GuardrailPreviewExample,
  GuardrailPreviewGroup,
  GuardrailPreviewLevelMove,
  GuardrailPreviewTeamMoves,
  GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CompiledGuardrails } from '../compileGuardrails';
import {
  evaluateOutcome,
  explainOutcome,
  type ActiveExemptions,
} from '../evaluate';
import type { FactValue, PushedFacts } from '../facts';
import { LevelsWithPreviewed, UNEVALUATED } from './levelsWithPreviewed';
import type { StoredStates } from './notPassingStates';
import { factContextOf, type PreviewInput } from './previewInputs';

/** One entity as the latest analysis left it. */
export interface PreviewEntity {
  input: PreviewInput;
  /**
   * The states of its stored results that did not pass, by guardrail id; undefined when the
   * entity has no stored row (no guardrail applied to it). An applicable guardrail that is not
   * listed passed.
   */
  notPassing?: StoredStates;
  /** The level stored by the latest analysis (-1 for none); undefined when not evaluated. */
  levelIndex?: number;
  pushed?: Map<string, PushedFacts>;
  provided?: Map<string, Record<string, FactValue>>;
  /** The active exemption from the previewed guardrail's id, if any. */
  exemption?: { id: string; expiresAt: string };
}

export interface GuardrailPreview {
  entityCount: number;
  counts: GuardrailPreviewCounts;
  byTeam: GuardrailPreviewGroup[];
  byLevel: GuardrailPreviewGroup[];
  failing: GuardrailPreviewExample[];
  levelMoves: GuardrailPreviewTeamMoves[];
}

const EXAMPLES = 10;
const MOVES_PER_TEAM = 20;
/** Which failing entities make the best examples: failures before unknowns, errors, warnings. */
const EXAMPLE_ORDER: GuardrailState[] = ['fail', 'unknown', 'error', 'warning'];

const emptyCounts = (): GuardrailPreviewCounts => ({
  applicable: 0,
  pass: 0,
  fail: 0,
  warning: 0,
  exempt: 0,
  unknown: 0,
  error: 0,
});

function countInto(
  groups: Map<string, GuardrailPreviewCounts>,
  key: string,
  state: GuardrailState,
) {
  let counts = groups.get(key);
  if (!counts) groups.set(key, (counts = emptyCounts()));
  counts.applicable++;
  if (state in counts) counts[state as keyof GuardrailPreviewCounts]++;
}

/**
 * The impact of one guardrail definition (new, or a changed version of a current one) on the
 * catalog as the latest analysis saw it: how many entities it applies to and their states, per
 * owning team and per current level; example failures explained; and whose level would move.
 * Plain data in and out; `current` are the guardrails the latest analysis evaluated and
 * `candidate` holds the previewed definition alone.
 */
export function previewImpact(options: {
  current: CompiledGuardrails;
  candidate: CompiledGuardrails;
  entities: Iterable<PreviewEntity>;
  now: number;
}): GuardrailPreview {
  const { current, candidate, now } = options;
  const [previewed] = candidate.guardrails;
  const id = previewed.definition.id;
  const previous = current.guardrails.find(g => g.definition.id === id);
  const levelName = (index: number) =>
    index >= 0 ? current.levels[index] : 'none';

  const counts = emptyCounts();
  const byTeam = new Map<string, GuardrailPreviewCounts>();
  const byLevel = new Map<string, GuardrailPreviewCounts>();
  const examples = new Map<GuardrailState, GuardrailPreviewExample[]>();
  const moves = new Map<
    string,
    { up: number; down: number; entities: GuardrailPreviewLevelMove[] }
  >();
  let entityCount = 0;
  const levels = new LevelsWithPreviewed(current, id);

  for (const entity of options.entities) {
    entityCount++;
    const { input } = entity;
    const ctx = factContextOf(input, entity, now);
    const exemptions: ActiveExemptions | undefined = entity.exemption
      ? new Map([[id, entity.exemption]])
      : undefined;
    const outcome = evaluateOutcome(candidate, ctx, exemptions);
    const state = outcome?.states[0];
    const before =
      entity.notPassing && previous?.applies(ctx.node)
        ? entity.notPassing.get(id) ?? 'pass'
        : undefined;
    if (outcome && state) {
      const team = input.ownerRef ?? '';
      countInto(byTeam, team, state);
      countInto(byLevel, levelName(entity.levelIndex ?? -1), state);
      counts.applicable++;
      if (state in counts) counts[state as keyof GuardrailPreviewCounts]++;
      const list = examples.get(state) ?? [];
      if (EXAMPLE_ORDER.includes(state) && list.length < EXAMPLES) {
        const [result] = explainOutcome(candidate, ctx, outcome).results;
        list.push({
          entityRef: input.ref,
          title: input.title,
          ...(input.ownerRef ? { ownerRef: input.ownerRef } : {}),
          result,
        });
        examples.set(state, list);
      }
    }
    // Only an entity whose result from this guardrail changes can move.
    if (state === before) {
      continue;
    }
    const others = levels.othersOf(ctx.node, entity.notPassing);
    const from = levels.levelOf(others, {
      state: before,
      levelIndex: previous?.levelIndex ?? 0,
    });
    const to = levels.levelOf(others, {
      state,
      levelIndex: previewed.levelIndex,
    });
    if (Math.max(from, -1) === Math.max(to, -1)) continue;
    const team = input.ownerRef ?? '';
    let teamMoves = moves.get(team);
    if (!teamMoves)
      moves.set(team, (teamMoves = { up: 0, down: 0, entities: [] }));
    if (to > from) teamMoves.up++;
    else teamMoves.down++;
    teamMoves.entities.push({
      entityRef: input.ref,
      title: input.title,
      ...(from === UNEVALUATED ? {} : { from: levelName(from) }),
      to: levelName(to),
    });
  }

  const failing = EXAMPLE_ORDER.flatMap(s => examples.get(s) ?? []).slice(
    0,
    EXAMPLES,
  );
  const levelRank = (key: string) => current.levels.indexOf(key);
  return {
    entityCount,
    counts,
    byTeam: [...byTeam]
      .map(([key, c]) => ({ key, counts: c }))
      .sort(
        (a, b) =>
          b.counts.fail +
            b.counts.unknown -
            (a.counts.fail + a.counts.unknown) || a.key.localeCompare(b.key),
      ),
    byLevel: [...byLevel]
      .map(([key, c]) => ({ key, counts: c }))
      .sort((a, b) => levelRank(a.key) - levelRank(b.key)),
    failing,
    levelMoves: [...moves]
      .map(([teamRef, m]) => ({
        teamRef,
        up: m.up,
        down: m.down,
        entities: m.entities
          .sort(
            (a, b) =>
              moveRank(a, levelRank) - moveRank(b, levelRank) ||
              a.entityRef.localeCompare(b.entityRef),
          )
          .slice(0, MOVES_PER_TEAM),
      }))
      .sort((a, b) => b.down - a.down || a.teamRef.localeCompare(b.teamRef)),
  };
}

/** Falls first (the biggest first), then rises. */
function moveRank(
  move: GuardrailPreviewLevelMove,
  levelRank: (key: string) => number,
) {
  const from = move.from === undefined ? -2 : levelRank(move.from);
  return levelRank(move.to) - from;
}
