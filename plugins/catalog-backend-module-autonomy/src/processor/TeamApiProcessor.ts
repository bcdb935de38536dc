import {
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import { parseTeamApi } from '@aligned-autonomy/plugin-autonomy-common';
import { emitBothWays } from './emitRelations';
import { validateEntityAnnotations } from './validateAnnotations';

/**
 * Relation from a Group to a team it interacts with, as declared in its
 * `aligned-autonomy.io/interactions` annotation.
 * @public
 */
export const RELATION_INTERACTS_WITH = 'interactsWith';
/**
 * Reverse of {@link RELATION_INTERACTS_WITH}: from a team to the Groups that declare an
 * interaction with it.
 * @public
 */
export const RELATION_INTERACTED_WITH_BY = 'interactedWithBy';

/**
 * Validates the `aligned-autonomy.io/` annotations of catalog entities: the mission annotation of
 * any kind, the team API of Groups (team type, support channel, interactions), the SLA of APIs,
 * the tier and SLO of Components. Each problem is
 * reported as a processing error on the entity, naming the annotation.
 *
 * For every valid interaction of a Group it emits `interactsWith` from the group to the other
 * team and `interactedWithBy` back. Whether the other team exists needs the whole catalog: a
 * missing one shows as a relation to an entity that cannot be found, and the autonomy backend
 * reports it from its analysis.
 *
 * @public
 */
export class TeamApiProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'TeamApiProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const report = (problem: string) =>
      emit(
        processingResult.inputError(
          location,
          `${stringifyEntityRef(self)}: ${problem}`,
        ),
      );

    validateEntityAnnotations(entity).forEach(report);
    if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
      const { teamApi, problems } = parseTeamApi(
        entity.metadata.annotations,
        self.namespace,
      );
      problems.forEach(report);
      const related = new Set<string>();
      for (const { teamRef } of teamApi.interactions) {
        if (related.has(teamRef)) continue;
        related.add(teamRef);
        emitBothWays(
          emit,
          self,
          RELATION_INTERACTS_WITH,
          RELATION_INTERACTED_WITH_BY,
          parseEntityRef(teamRef),
        );
      }
    }
    return entity;
  }
}
