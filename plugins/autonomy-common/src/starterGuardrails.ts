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
          why: Someone to page when it breaks.
          howToFix: Set spec.owner to your team's Group.
        appliesTo: { kind: [component, api, system] }
        rule: { fact: owner.isTeam, equals: true }
        level: bronze
      - id: lifecycle-declared
        title: Lifecycle declared
        rationale:
          why: Consumers know whether they can depend on it.
          howToFix: Set spec.lifecycle.
        appliesTo: { kind: [component, api] }
        rule:
          fact: entity.lifecycle
          in: [experimental, production, deprecated]
        level: silver
      - id: has-techdocs
        title: Documented in TechDocs
        rationale:
          why: Others can use it without asking.
          howToFix: Annotate backstage.io/techdocs-ref.
        appliesTo: { kind: [component] }
        rule:
          fact: entity.annotations.backstage.io/techdocs-ref
          exists: true
        level: gold
`;
