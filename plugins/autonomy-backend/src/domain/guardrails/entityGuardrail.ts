import type {
  GuardrailOptOut,
  GuardrailTightening,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../catalogSnapshot';
import type { CompiledGuardrail } from './compileGuardrails';
import type { CompiledRule } from './compileRule';

/** How a guardrail whose filter selects an entity bears on that entity. */
export interface EntityGuardrail {
  /** The rule the entity is checked against: the guardrail's, or its team's stricter one. */
  rule: CompiledRule;
  /** Set when the entity's team (or the entity itself) opted out: it is not checked. */
  optOut?: GuardrailOptOut;
  /** Set when the rule is the team's tightened one. */
  tightening?: GuardrailTightening;
}

const lookup = <T>(map: Map<string, T> | undefined, node: CatalogNode) =>
  map && (map.get(node.ref) ?? (node.ownerRef && map.get(node.ownerRef)));

/**
 * What teams decided, for one entity and one guardrail whose filter selects it: undefined when
 * the guardrail does not bear on it at all (a team standard of another team: a team's standard
 * never applies outside what its owner owns), an opt-out, the team's tightened rule, or the
 * guardrail as defined. An entity's own annotation comes before its team's.
 */
export function entityGuardrail(
  g: CompiledGuardrail,
  node: CatalogNode,
): EntityGuardrail | undefined {
  if (g.ownerOnly !== undefined && node.ownerRef !== g.ownerOnly)
    return undefined;
  const optOut = lookup(g.optOuts, node);
  if (optOut) return { rule: g.rule, optOut };
  const tightened = lookup(g.tightened, node);
  if (tightened) return tightened;
  return { rule: g.rule };
}
