import type { CatalogNode, CatalogSnapshot } from '../../catalogSnapshot';
import type { EntityMission } from '../../missions/resolveMissions';
import { entityHeader, type EntityHeader } from '../evaluateCatalog';
import type { FactContext, FactValue, PushedFacts } from '../facts';

/**
 * What a guardrail's applicability and catalog facts read of one entity, kept by each full run so
 * that a preview answers without the catalog: the entity's own fields, its owner's kind and type,
 * its mission chain and its boundary facts. Pushed facts and exemptions are stored apart.
 */
export interface PreviewInput extends EntityHeader {
  ref: string;
  type?: string;
  lifecycle?: string;
  tags?: string[];
  annotations?: Record<string, string>;
  linkCount: number;
  /** The owner as the catalog has it; absent when the owner is not in the catalog. */
  owner?: { kind: string; type?: string };
  mission?: Pick<EntityMission, 'resolution' | 'chainRefs' | 'problem'>;
  derived?: Record<string, FactValue>;
}

/** Every entity's preview input, from what a full run has in memory. */
export function previewInputsOf(
  snapshot: CatalogSnapshot,
  missions: Map<string, EntityMission>,
  derived: Map<string, Record<string, FactValue>>,
): PreviewInput[] {
  const inputs: PreviewInput[] = [];
  for (const node of snapshot.values())
    inputs.push(previewInputOf(node, snapshot, missions, derived));
  return inputs;
}

/**
 * One entity's preview input: also what a run compares to tell whether the catalog side of an
 * entity changed (the snapshot needs the entity's owner and system).
 */
export function previewInputOf(
  node: CatalogNode,
  snapshot: CatalogSnapshot,
  missions: Map<string, EntityMission>,
  derived: Map<string, Record<string, FactValue>>,
): PreviewInput {
  const owner = node.ownerRef ? snapshot.get(node.ownerRef) : undefined;
  const mission = missions.get(node.ref);
  return {
    ref: node.ref,
    ...entityHeader(node, snapshot),
    type: node.specType,
    lifecycle: node.lifecycle,
    tags: node.tags,
    annotations: node.annotations,
    linkCount: node.linkCount ?? 0,
    owner: owner && { kind: owner.kind, type: owner.specType },
    mission: mission && {
      resolution: mission.resolution,
      chainRefs: mission.chainRefs,
      problem: mission.problem,
    },
    derived: derived.get(node.ref),
  };
}

/** The fact context of a stored input: what evaluating the entity in a run would see. */
export function factContextOf(
  input: PreviewInput,
  facts: {
    pushed?: Map<string, PushedFacts>;
    provided?: Map<string, Record<string, FactValue>>;
  },
  now: number,
): FactContext {
  return {
    node: nodeOf(input),
    owner: ownerOf(input),
    mission: missionOf(input),
    derived: input.derived,
    pushed: facts.pushed,
    provided: facts.provided,
    now,
  };
}

/**
 * The catalog as stored inputs tell it, for evaluating those entities as a run would: each entity
 * with its owner and system as far as it reads them (kind and type; domain), missions and boundary
 * facts. What a replica that did not read the catalog evaluates a shard from.
 */
export function catalogOfInputs(inputs: PreviewInput[]): {
  snapshot: CatalogSnapshot;
  missions: Map<string, EntityMission>;
  derived: Map<string, Record<string, FactValue>>;
} {
  const snapshot: CatalogSnapshot = new Map();
  const missions = new Map<string, EntityMission>();
  const derived = new Map<string, Record<string, FactValue>>();
  for (const input of inputs) {
    snapshot.set(input.ref, nodeOf(input));
    const mission = missionOf(input);
    if (mission) missions.set(input.ref, mission);
    if (input.derived) derived.set(input.ref, input.derived);
  }
  // Owners and systems outside these inputs, as much of them as evaluation reads.
  for (const input of inputs) {
    const owner = ownerOf(input);
    if (owner && !snapshot.has(owner.ref)) snapshot.set(owner.ref, owner);
    const { systemRef } = input;
    if (systemRef && input.kind !== 'system' && !snapshot.has(systemRef))
      snapshot.set(systemRef, {
        ref: systemRef,
        kind: 'system',
        title: systemRef,
        domainRef: input.domainRef,
      });
  }
  return { snapshot, missions, derived };
}

function nodeOf(input: PreviewInput): CatalogNode {
  return {
    ref: input.ref,
    kind: input.kind,
    title: input.title,
    specType: input.type,
    ownerRef: input.ownerRef,
    systemRef: input.systemRef,
    // A system's header names its own domain (see entityHeader).
    ...(input.kind === 'system' && { domainRef: input.domainRef }),
    lifecycle: input.lifecycle,
    annotations: input.annotations,
    tags: input.tags,
    linkCount: input.linkCount,
  };
}

function ownerOf(input: PreviewInput): CatalogNode | undefined {
  return input.owner && input.ownerRef
    ? {
        ref: input.ownerRef,
        kind: input.owner.kind,
        title: input.ownerRef,
        specType: input.owner.type,
      }
    : undefined;
}

function missionOf(input: PreviewInput): EntityMission | undefined {
  return (
    input.mission && {
      entityRef: input.ref,
      kind: input.kind,
      title: input.title,
      ...input.mission,
    }
  );
}
