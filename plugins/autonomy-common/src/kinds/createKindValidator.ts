import {
  entityKindSchemaValidator,
  type Entity,
} from '@backstage/catalog-model';
import Ajv, { type ValidateFunction } from 'ajv';
import {
  describeSchemaError,
  ProblemList,
  throwIfInvalid,
} from './kindValidation';

/**
 * Every problem the kind's spec schema finds in `spec`, in words (`specValidator` compiled with
 * `allErrors`: the catalog's own validator stops at the first problem).
 */
export function specSchemaProblems(
  spec: unknown,
  specValidator: ValidateFunction,
): string[] {
  if (typeof spec !== 'object' || spec === null) return ['spec is required'];
  if (specValidator(spec)) return [];
  return specValidator.errors!.map(e => describeSchemaError(e, 'spec'));
}

/** One of this suite's kinds described by JSON schemas. */
export interface SchemaKind<E extends Entity> {
  /** As in error messages: `Mission`. */
  kind: string;
  isKind(entity: Entity): entity is E;
  /** The whole entity, envelope included, as the catalog checks it. */
  entitySchema: object;
  /** The spec alone, checked with every error collected. */
  specSchema: object;
  /**
   * What a schema cannot say (references, dates that exist), added to `list` for the fields the
   * schema found well formed.
   */
  checkSpec(
    spec: Record<string, any>,
    list: ProblemList,
    namespace: string,
  ): void;
}

/**
 * A validator of one kind: returns the entity typed, `false` when it is not of the kind, and
 * throws a TypeError naming every problem at once, each with its field. The schemas are compiled
 * here, once, since the catalog validates every entity it processes.
 */
export function createKindValidator<E extends Entity>(
  schemaKind: SchemaKind<E>,
): (entity: Entity) => E | false {
  const entityValidator = entityKindSchemaValidator<E>(schemaKind.entitySchema);
  const specValidator = new Ajv({ allErrors: true }).compile(
    schemaKind.specSchema,
  );
  return entity => {
    if (!schemaKind.isKind(entity)) return false;
    const list = new ProblemList();
    list.add(...specSchemaProblems(entity.spec, specValidator));
    schemaKind.checkSpec(
      entity.spec ?? {},
      list,
      entity.metadata?.namespace ?? 'default',
    );
    throwIfInvalid(schemaKind.kind, entity, list.problems, entityValidator);
    return entity;
  };
}
