import type {
  GuardrailDefinition,
  GuardrailOptOut,
  GuardrailSetProblem,
  GuardrailTightening,
} from '@aligned-autonomy/plugin-autonomy-common';
import {
  readGuardrailAnnotations,
  tightenRule,
} from '@aligned-autonomy/plugin-autonomy-common';

/**
 * The guardrails a full run evaluates with: app-config's (the organisation's required ones) and
 * the valid Guardrail entities', with the opt-outs and tightenings teams declared. Stored by its
 * fingerprint so that every replica evaluates and reads with the same set.
 */
export interface GuardrailSet {
  definitions: GuardrailDefinition[];
  optOuts: GuardrailOptOut[];
  tightenings: GuardrailTightening[];
  problems: GuardrailSetProblem[];
}

/** A Guardrail entity as the run read it: the definition it states, or why it states none. */
export interface CatalogGuardrail {
  entityRef: string;
  definition?: GuardrailDefinition;
  problems: string[];
}

/** An entity that may carry opt-out or tightening annotations. */
export interface DeclaringEntity {
  ref: string;
  kind: string;
  ownerRef?: string;
  annotations?: Record<string, string>;
}

const ORGANISATION = new Set(['required', 'recommended']);
const typeOf = (d: GuardrailDefinition) => d.type ?? 'required';

/** What identifies an opt-out or a tightening across runs, to keep when it was first seen. */
export const declarationKey = (
  what: 'opt-out' | 'tighten',
  guardrailId: string,
  declaredOn: string,
) => `${what}\n${guardrailId}\n${declaredOn}`;

const byKey = (
  a: { guardrailId: string; teamRef: string; entityRef?: string },
  b: { guardrailId: string; teamRef: string; entityRef?: string },
) =>
  `${a.guardrailId}\n${a.teamRef}\n${a.entityRef ?? ''}`.localeCompare(
    `${b.guardrailId}\n${b.teamRef}\n${b.entityRef ?? ''}`,
  );

/**
 * Builds the effective set. Rules, in order:
 *
 * - app-config definitions come first and win an id clash: they are the organisation's required
 *   guardrails, and a catalog entity cannot replace one (the clash is a problem);
 * - a Guardrail entity that is invalid now (the catalog refused it, or its rule does not compile
 *   here: `ruleProblem`) keeps its last valid version from `previous`, saying so; one never valid
 *   is left out; two entities with one id: the first by entity ref wins;
 * - an opt-out applies to a `recommended` guardrail only; a tightening to an organisation
 *   guardrail only, and only when it raises the bar (see tightenRule). Anything else is a problem
 *   and does not apply. On a Group it covers what the group owns; on another entity, that entity.
 *
 * `previous` is the set of the run before: last valid definitions and when each opt-out or
 * tightening was first seen carry over from it.
 */
export function buildGuardrailSet(input: {
  config: GuardrailDefinition[];
  catalog: CatalogGuardrail[];
  declaring: Iterable<DeclaringEntity>;
  previous?: GuardrailSet;
  ruleProblem(definition: GuardrailDefinition): string | undefined;
  now: string;
}): GuardrailSet {
  const { previous, now } = input;
  const problems: GuardrailSetProblem[] = [];
  const byId = new Map<string, GuardrailDefinition>();
  for (const d of input.config) byId.set(d.id, { ...d, type: typeOf(d) });

  const lastValid = new Map(
    (previous?.definitions ?? [])
      .filter(d => d.source === 'catalog' && d.entityRef)
      .map(d => [d.entityRef!, d]),
  );
  const catalog = [...input.catalog].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
  for (const entity of catalog) {
    let definition = entity.definition;
    const invalid = definition
      ? input.ruleProblem(definition)
      : entity.problems.join('; ');
    if (invalid) {
      const kept = lastValid.get(entity.entityRef);
      problems.push({
        guardrailId: kept?.id ?? definition?.id,
        entityRef: entity.entityRef,
        message: kept
          ? `${invalid}; its last valid version keeps applying`
          : `${invalid}; it does not apply until it is valid`,
      });
      definition = kept;
    }
    if (!definition) continue;
    const holder = byId.get(definition.id);
    if (holder) {
      problems.push({
        guardrailId: definition.id,
        entityRef: entity.entityRef,
        message:
          holder.source === 'catalog'
            ? `guardrail id "${definition.id}" is already defined by ${holder.entityRef}, which applies`
            : `guardrail id "${definition.id}" is already an app-config guardrail, which wins; this entity does not apply`,
      });
      continue;
    }
    byId.set(definition.id, definition);
  }

  const since = new Map<string, string>();
  for (const o of previous?.optOuts ?? [])
    since.set(declarationKey('opt-out', o.guardrailId, o.declaredOn), o.since);
  for (const t of previous?.tightenings ?? [])
    since.set(
      declarationKey('tighten', t.guardrailId, t.entityRef ?? t.teamRef),
      t.since,
    );

  const optOuts: GuardrailOptOut[] = [];
  const tightenings: GuardrailTightening[] = [];
  for (const entity of input.declaring) {
    const declared = readGuardrailAnnotations(entity.annotations);
    if (!declared.optOuts.length && !declared.tightenings.length) continue;
    const isGroup = entity.kind === 'group';
    const teamRef = isGroup ? entity.ref : entity.ownerRef;
    const refuse = (guardrailId: string, message: string) =>
      problems.push({ guardrailId, entityRef: entity.ref, message });
    if (!teamRef) {
      for (const d of [...declared.optOuts, ...declared.tightenings])
        refuse(
          d.guardrailId,
          `${d.annotation}: the entity has no owner to speak for it`,
        );
      continue;
    }
    for (const o of declared.optOuts) {
      const guardrail = byId.get(o.guardrailId);
      if (!guardrail) {
        refuse(
          o.guardrailId,
          `${o.annotation}: no guardrail "${o.guardrailId}"`,
        );
      } else if (typeOf(guardrail) !== 'recommended') {
        refuse(
          o.guardrailId,
          `${o.annotation}: "${o.guardrailId}" is a ${typeOf(
            guardrail,
          )} guardrail; only recommended ones can be opted out of`,
        );
      } else {
        optOuts.push({
          guardrailId: o.guardrailId,
          teamRef,
          declaredOn: entity.ref,
          ...(isGroup ? {} : { entityRef: entity.ref }),
          reason: o.reason,
          since:
            since.get(declarationKey('opt-out', o.guardrailId, entity.ref)) ??
            now,
        });
      }
    }
    for (const t of declared.tightenings) {
      const guardrail = byId.get(t.guardrailId);
      const tightened =
        guardrail && ORGANISATION.has(typeOf(guardrail))
          ? tightenRule(guardrail.rule, t)
          : undefined;
      if (!guardrail)
        refuse(
          t.guardrailId,
          `${t.annotation}: no guardrail "${t.guardrailId}"`,
        );
      else if (!tightened)
        refuse(
          t.guardrailId,
          `${t.annotation}: "${t.guardrailId}" is the team's own standard; change the standard instead`,
        );
      else if ('problem' in tightened)
        refuse(t.guardrailId, `${t.annotation}: ${tightened.problem}`);
      else
        tightenings.push({
          guardrailId: t.guardrailId,
          teamRef,
          ...(isGroup ? {} : { entityRef: entity.ref }),
          fact: t.fact,
          operator: t.operator,
          value: t.value,
          since:
            since.get(declarationKey('tighten', t.guardrailId, entity.ref)) ??
            now,
        });
    }
  }
  return {
    definitions: [...byId.values()],
    optOuts: optOuts.sort(byKey),
    tightenings: tightenings.sort(byKey),
    problems,
  };
}
