/**
 * A starter guardrail configuration for `app-config.yaml`, offered (copyable) where no guardrail
 * is configured yet. Three guardrails that work on any catalog without pushed facts, one per
 * level; the backend's tests compile it, so what a new adopter pastes starts.
 * @public
 */
export const STARTER_GUARDRAILS_CONFIG = `autonomy:
  guardrails:
    levels: [bronze, silver, gold] # lowest first
    definitions:
      - id: owned-by-a-team
        title: Owned by a team
        rationale:
          why: A service owned by a person or by nobody has no one to page.
          howToFix: Set spec.owner in catalog-info.yaml to your team's Group.
        appliesTo: { kind: [component, api, system, resource] }
        rule: { fact: owner.isTeam, equals: true }
        level: bronze
      - id: lifecycle-declared
        title: Lifecycle declared
        rationale:
          why: Consumers need to know whether they can depend on it.
          howToFix: Set spec.lifecycle to experimental, production or deprecated.
        appliesTo: { kind: [component, api] }
        rule: { fact: entity.lifecycle, in: [experimental, production, deprecated] }
        level: silver
      - id: has-techdocs
        title: Documented in TechDocs
        rationale:
          why: Other teams can use a service without asking when it is documented.
          howToFix: Add the backstage.io/techdocs-ref annotation and a docs folder.
        appliesTo: { kind: [component], type: [service, website, library] }
        rule: { fact: entity.annotations.backstage.io/techdocs-ref, exists: true }
        level: gold
`;
