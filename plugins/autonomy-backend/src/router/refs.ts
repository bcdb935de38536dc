import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** An entity ref in its canonical form; a 400 naming the field when it is not a ref. */
export function normalizeRef(ref: string, field: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    throw new InputError(
      `${field} "${ref}" is not an entity reference (kind:namespace/name)`,
    );
  }
}

/** The entity named by `/entities/{kind}/{namespace}/{name}/…`. */
export const entityRefOf = (params: {
  kind: string;
  namespace: string;
  name: string;
}) => stringifyEntityRef(params);

/** The team (a Group) named by `/teams/{namespace}/{name}/…`. */
export const teamRefOf = (params: { namespace: string; name: string }) =>
  stringifyEntityRef({ kind: 'group', ...params });
