import {
  getCompoundEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { emitOwnership } from './emitRelations';

/**
 * How the catalog reads one of Aligned Autonomy's kinds: recognises it, puts it in the form its
 * schema asks for, and validates it.
 *
 * @public
 */
export interface AutonomyKind<E extends Entity> {
  /** Whether the entity is of the kind (its apiVersion and kind). */
  is(entity: Entity): entity is E;
  /** The entity as people write it in YAML, in the form the schema asks for. */
  normalize(entity: Entity): Entity;
  /** The entity typed, `false` for another kind; throws a TypeError naming every problem. */
  validate(entity: Entity): E | false;
}

/**
 * A processor of one of Aligned Autonomy's kinds, each owned by a Group: reads the entity as
 * written (`preProcessEntity`), validates it (`validateEntityKind`, a processing error naming
 * every invalid field) and emits `ownedBy`/`ownerOf` between it and its owner. A kind emits what
 * else it relates or reports in `emitKindResults`.
 *
 * @public
 */
export abstract class AutonomyKindProcessor<
  E extends Entity & { spec: { owner: string } },
> implements CatalogProcessor
{
  protected constructor(private readonly kind: AutonomyKind<E>) {}

  abstract getProcessorName(): string;

  async preProcessEntity(entity: Entity): Promise<Entity> {
    return this.kind.normalize(entity);
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // Throws a TypeError naming every invalid field; the catalog records it on the entity.
    return this.kind.validate(entity) !== false;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!this.kind.is(entity)) return entity;
    const self = getCompoundEntityRef(entity);
    emitOwnership(emit, self, entity.spec.owner);
    this.emitKindResults(entity, self, location, emit);
    return entity;
  }

  /** What the kind emits beyond its ownership: further relations, problems. */
  protected emitKindResults(
    _entity: E,
    _self: CompoundEntityRef,
    _location: LocationSpec,
    _emit: CatalogProcessorEmit,
  ): void {}
}
