import {
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  AUTONOMY_ANNOTATIONS,
  isCampaignEntity,
  isGuardrailEntity,
  checkGuardrailEntity,
  type GuardrailDefinition,
  isMissionEntity,
  type CampaignEntityV1alpha1,
  type MissionEntityV1alpha1,
} from '@aligned-autonomy/plugin-autonomy-common';

/**
 * The plain, flat view of one catalog entity that the domain core works on. Built once per run
 * from the catalog; every analysis reads it, none of them touches the catalog itself.
 */
export interface CatalogNode {
  ref: string;
  /** Lower-case kind, as in entity references. */
  kind: string;
  title: string;
  specType?: string;
  ownerRef?: string;
  /** For components, APIs and resources: the system they are part of. */
  systemRef?: string;
  /** For systems: their domain. */
  domainRef?: string;
  /** For groups: the parent group. */
  parentGroupRef?: string;
  /** The `aligned-autonomy.io/mission` annotation as a full reference, if valid. */
  missionAnnotationRef?: string;
  /** The annotation's raw value when it is not a valid reference. */
  invalidMissionAnnotation?: string;
  /** Set on Mission entities. */
  mission?: MissionEntityV1alpha1['spec'];
  /** Set on Campaign entities. */
  campaign?: CampaignEntityV1alpha1['spec'];
  /** Set on Guardrail entities: the definition it states, or why it states none. */
  guardrail?: { definition?: GuardrailDefinition; problems: string[] };
  lifecycle?: string;
  annotations?: Record<string, string>;
  tags?: string[];
  linkCount?: number;
  /** The relations an analysis reads ({@link ANALYSED_RELATIONS}), as the catalog resolved them. */
  relations?: { type: string; targetRef: string }[];
}

export type CatalogSnapshot = Map<string, CatalogNode>;

/** The entity fields the snapshot needs; API definitions and the like stay in the catalog. */
export const SNAPSHOT_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'metadata.tags',
  'metadata.links',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.statement',
  'spec.why',
  'spec.parent',
  'spec.horizon',
  'spec.reviewBy',
  'spec.successMetrics',
  // Guardrail entities: their definition (spec.type and spec.owner are read above).
  'spec.rationale',
  'spec.appliesTo',
  'spec.rule',
  'spec.level',
  'spec.weight',
  'spec.mode',
  'spec.enforcedFrom',
  'spec.guardrails',
  'spec.deadline',
  'spec.targets',
  'relations',
];

/**
 * The relation types a node keeps: those the boundary analysis reads (dependencies and team
 * members). The owner, system, domain and parent are read into fields of their own. All relations
 * were about 90 of the 146 MB a 100,000-entity snapshot held, most of them the catalog's reverse
 * relations (ownerOf, hasPart, dependencyOf, …) that nothing reads.
 */
export const ANALYSED_RELATIONS: ReadonlySet<string> = new Set([
  RELATION_DEPENDS_ON,
  RELATION_CONSUMES_API,
  RELATION_HAS_MEMBER,
]);

function firstRelation(entity: Entity, type: string, targetKind: string) {
  return entity.relations?.find(
    r => r.type === type && parseEntityRef(r.targetRef).kind === targetKind,
  )?.targetRef;
}

function parseMissionAnnotation(entity: Entity, namespace: string) {
  const raw = entity.metadata.annotations?.[AUTONOMY_ANNOTATIONS.mission];
  if (raw === undefined) return {};
  try {
    const ref = parseEntityRef(raw.trim(), {
      defaultKind: 'mission',
      defaultNamespace: namespace,
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'mission') {
      return { invalidMissionAnnotation: raw };
    }
    return { missionAnnotationRef: stringifyEntityRef(ref) };
  } catch {
    return { invalidMissionAnnotation: raw };
  }
}

/** Turns a catalog entity (read with {@link SNAPSHOT_FIELDS}) into a {@link CatalogNode}. */
export function toCatalogNode(entity: Entity): CatalogNode {
  const namespace = entity.metadata.namespace ?? 'default';
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const node: CatalogNode = {
    ref: stringifyEntityRef(entity),
    kind,
    title: entity.metadata.title ?? entity.metadata.name,
    specType:
      typeof entity.spec?.type === 'string' ? entity.spec.type : undefined,
    ownerRef: entity.relations?.find(r => r.type === RELATION_OWNED_BY)
      ?.targetRef,
    ...parseMissionAnnotation(entity, namespace),
    lifecycle:
      typeof entity.spec?.lifecycle === 'string'
        ? entity.spec.lifecycle
        : undefined,
    annotations: entity.metadata.annotations,
    tags: entity.metadata.tags,
    linkCount: entity.metadata.links?.length ?? 0,
    relations: entity.relations
      ?.filter(r => ANALYSED_RELATIONS.has(r.type))
      .map(r => ({ type: r.type, targetRef: r.targetRef })),
  };
  if (kind === 'system') {
    node.domainRef = firstRelation(entity, RELATION_PART_OF, 'domain');
  } else if (kind === 'group') {
    node.parentGroupRef = firstRelation(entity, RELATION_CHILD_OF, 'group');
  } else if (kind !== 'domain') {
    node.systemRef = firstRelation(entity, RELATION_PART_OF, 'system');
  }
  if (isMissionEntity(entity)) node.mission = entity.spec;
  if (isCampaignEntity(entity)) node.campaign = entity.spec;
  // Checked again here: the catalog refuses an invalid one, but the run must be sure.
  if (isGuardrailEntity(entity)) node.guardrail = checkGuardrailEntity(entity);
  return node;
}

export function buildSnapshot(entities: Iterable<Entity>): CatalogSnapshot {
  const snapshot: CatalogSnapshot = new Map();
  for (const entity of entities) {
    const node = toCatalogNode(entity);
    snapshot.set(node.ref, node);
  }
  return snapshot;
}

/**
 * The snapshot without relations, as new nodes (the given ones are left as they are): only the
 * boundary analysis reads them, and the rest of a run need not hold them.
 */
export function withoutRelations(snapshot: CatalogSnapshot): CatalogSnapshot {
  const compact: CatalogSnapshot = new Map();
  for (const [ref, node] of snapshot) {
    const { relations, ...rest } = node;
    compact.set(ref, rest);
  }
  return compact;
}
