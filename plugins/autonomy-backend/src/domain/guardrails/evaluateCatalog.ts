import type { CatalogSnapshot, CatalogNode } from '../catalogSnapshot';
import type { EntityMission } from '../missions/resolveMissions';
import type { CompiledGuardrails } from './compileGuardrails';
import {
  evaluateEntity,
  type ActiveExemptions,
  type EntityEvaluation,
} from './evaluate';
import type { FactContext, FactValue, PushedFacts } from './facts';
import {
  campaignGraceFor,
  type CampaignGrace,
  type CompiledCampaign,
} from '../campaigns/campaigns';

/** An evaluation with the catalog context the views group and filter by. */
export interface ScoredEntity extends EntityEvaluation {
  kind: string;
  title: string;
  ownerRef?: string;
  systemRef?: string;
  domainRef?: string;
  level: string | null;
}

export interface CatalogFacts {
  missions: Map<string, EntityMission>;
  pushed: Map<string, Map<string, PushedFacts>>;
  /** Provider id → entity ref → values. */
  provided: Map<string, Map<string, Record<string, FactValue>>>;
  /** Entity ref → derived fact id → value (e.g. boundary analysis). */
  derived: Map<string, Record<string, FactValue>>;
  exemptions: Map<string, ActiveExemptions>;
  /** Campaigns in force: their guardrails are warnings for their targets until the deadline. */
  campaigns?: CompiledCampaign[];
}

function domainOf(node: CatalogNode, snapshot: CatalogSnapshot) {
  if (node.kind === 'system') return node.domainRef;
  return node.systemRef ? snapshot.get(node.systemRef)?.domainRef : undefined;
}

/** What the views group and filter an entity by. */
export type EntityHeader = Pick<
  ScoredEntity,
  'kind' | 'title' | 'ownerRef' | 'systemRef' | 'domainRef'
>;

export function entityHeader(
  node: CatalogNode,
  snapshot: CatalogSnapshot,
): EntityHeader {
  return {
    kind: node.kind,
    title: node.title,
    ownerRef: node.ownerRef,
    systemRef:
      node.systemRef ?? (node.kind === 'system' ? node.ref : undefined),
    domainRef: domainOf(node, snapshot),
  };
}

/** Everything known about one entity of the snapshot for evaluating it. */
export function entityContext(
  snapshot: CatalogSnapshot,
  facts: CatalogFacts,
  ref: string,
  now: number,
):
  | {
      node: CatalogNode;
      ctx: FactContext;
      exemptions?: ActiveExemptions;
      campaigns?: Map<string, CampaignGrace>;
    }
  | undefined {
  const node = snapshot.get(ref);
  if (!node) return undefined;
  const provided = new Map<string, Record<string, FactValue>>();
  for (const [providerId, byEntity] of facts.provided) {
    const values = byEntity.get(ref);
    if (values) provided.set(providerId, values);
  }
  return {
    node,
    ctx: {
      node,
      owner: node.ownerRef ? snapshot.get(node.ownerRef) : undefined,
      mission: facts.missions.get(ref),
      derived: facts.derived.get(ref),
      pushed: facts.pushed.get(ref),
      provided,
      now,
    },
    exemptions: facts.exemptions.get(ref),
    campaigns: facts.campaigns && campaignGraceFor(node, facts.campaigns),
  };
}

/** Evaluates the given entities (by default the whole snapshot) against the compiled guardrails. */
export function evaluateCatalog(
  snapshot: CatalogSnapshot,
  compiled: CompiledGuardrails,
  facts: CatalogFacts,
  now: number,
  refs: Iterable<string> = snapshot.keys(),
): ScoredEntity[] {
  const scored: ScoredEntity[] = [];
  for (const ref of refs) {
    const entity = entityContext(snapshot, facts, ref, now);
    if (!entity) continue;
    const evaluation = evaluateEntity(
      compiled,
      entity.ctx,
      entity.exemptions,
      entity.campaigns,
    );
    if (!evaluation) continue;
    scored.push({
      ...evaluation,
      ...entityHeader(entity.node, snapshot),
      level:
        evaluation.levelIndex >= 0
          ? compiled.levels[evaluation.levelIndex]
          : null,
    });
  }
  return scored;
}
