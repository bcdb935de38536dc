import {
  GUARDRAIL_STATES,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../../catalogSnapshot';
import type {
  CompiledGuardrail,
  CompiledGuardrails,
} from '../compileGuardrails';
import { entityGuardrail } from '../entityGuardrail';
import { LevelTally } from '../levels';
import type { StoredStates } from './notPassingStates';

/**
 * Whether a guardrail's result counts in an entity's level, as evaluation decides it: its filter
 * selects the entity, a team standard is its owner's, and the entity's team has not opted out.
 */
function countsFor(g: CompiledGuardrail, node: CatalogNode) {
  if (!g.applies(node)) return false;
  const decided = entityGuardrail(g, node);
  return decided !== undefined && !decided.optOut;
}

/** Stands for "not evaluated" (no result at all): below every level, like `none`. */
export const UNEVALUATED = -2;

const BIT = new Map(GUARDRAIL_STATES.map((s, i) => [s, 1 << i]));

/** The previewed guardrail's result for one entity: its level and state, if it applies. */
export interface PreviewedResult {
  levelIndex: number;
  state?: GuardrailState;
}

/**
 * An entity's level with the previewed guardrail's result in place of the stored one, over 100,000
 * entities in well under a second. A level depends on which states an entity's results show at
 * which level (the run's {@link LevelTally} reads nothing else for it), so each entity is reduced
 * to one bit per state per level, and the tally is run once per distinct pattern, not once per
 * entity. The other guardrails' results are the stored ones: every current guardrail that applies
 * passed unless its stored state says otherwise.
 */
export class LevelsWithPreviewed {
  /** Current guardrails other than the previewed one, grouped by their applicability. */
  private readonly groups: {
    applies(node: CatalogNode): boolean;
    /** Guardrails of the group per level. */
    perLevel: number[];
  }[] = [];
  private readonly guardrailOf = new Map<
    string,
    { group: number; levelIndex: number }
  >();
  private readonly levelCount: number;
  private readonly memo = new Map<string, number>();
  /** The others' masks (shared, never changed) by stored states and applicability. */
  private readonly othersMemo = new WeakMap<
    StoredStates,
    Map<string, number[]>
  >();

  constructor(current: CompiledGuardrails, previewedId: string) {
    this.levelCount = current.levels.length;
    const groupOf = new Map<string, number>();
    for (const g of current.guardrails) {
      if (g.definition.id === previewedId) continue;
      // What teams decided (a team standard, opt-outs) makes a guardrail's reach its own.
      const decided = g.ownerOnly !== undefined || g.optOuts !== undefined;
      const key = decided
        ? `guardrail:${g.definition.id}`
        : JSON.stringify(g.definition.appliesTo);
      let group = groupOf.get(key);
      if (group === undefined) {
        group =
          this.groups.push({
            applies: decided ? node => countsFor(g, node) : g.applies,
            perLevel: new Array(this.levelCount).fill(0),
          }) - 1;
        groupOf.set(key, group);
      }
      this.groups[group].perLevel[g.levelIndex]++;
      this.guardrailOf.set(g.definition.id, {
        group,
        levelIndex: g.levelIndex,
      });
    }
  }

  /**
   * The states the other guardrails' results show per level (a bit per state), from the
   * stored non-passing states; undefined for an entity without stored results.
   */
  othersOf(
    node: CatalogNode,
    notPassing: StoredStates | undefined,
  ): number[] | undefined {
    if (!notPassing) return undefined;
    const applies = this.groups.map(group => group.applies(node));
    // Many entities share their stored states (the store hands them one object) and which
    // guardrails apply to them: the masks are worked out once per pair.
    const appliesKey = applies.map(a => (a ? '1' : '0')).join('');
    let byApplies = this.othersMemo.get(notPassing);
    if (!byApplies) this.othersMemo.set(notPassing, (byApplies = new Map()));
    let masks = byApplies.get(appliesKey);
    if (!masks)
      byApplies.set(appliesKey, (masks = this.masksOf(applies, notPassing)));
    return masks;
  }

  private masksOf(applies: boolean[], notPassing: StoredStates) {
    const masks = new Array(this.levelCount).fill(0);
    const passing = new Array(this.levelCount).fill(0);
    this.groups.forEach((group, i) => {
      if (applies[i])
        for (let level = 0; level < this.levelCount; level++)
          passing[level] += group.perLevel[level];
    });
    for (const [id, state] of notPassing) {
      const g = this.guardrailOf.get(id);
      if (!g || !applies[g.group]) continue;
      passing[g.levelIndex]--;
      masks[g.levelIndex] |= BIT.get(state) ?? 0;
    }
    const pass = BIT.get('pass')!;
    for (let level = 0; level < this.levelCount; level++)
      if (passing[level] > 0) masks[level] |= pass;
    return masks;
  }

  /** The level with the previewed result added to the others (-1 none, UNEVALUATED none at all). */
  levelOf(others: number[] | undefined, previewed: PreviewedResult): number {
    const masks = others ? [...others] : new Array(this.levelCount).fill(0);
    if (previewed.state)
      masks[previewed.levelIndex] |= BIT.get(previewed.state) ?? 0;
    const key = masks.join(',');
    let level = this.memo.get(key);
    if (level === undefined) {
      level = this.tally(masks);
      this.memo.set(key, level);
    }
    return level;
  }

  /** One result per state shown at each level, through the run's own level rule. */
  private tally(masks: number[]): number {
    if (masks.every(m => m === 0)) return UNEVALUATED;
    const tally = new LevelTally(this.levelCount);
    masks.forEach((mask, level) => {
      for (const [state, bit] of BIT)
        if (mask & bit) tally.add(`${level}:${state}`, state, level, 1);
    });
    return tally.result().levelIndex;
  }
}
