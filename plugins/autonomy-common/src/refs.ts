import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const validator = makeValidator();

/**
 * Reads an entity reference that must name an entity of one kind (`checkout` or
 * `group:default/checkout` for a group), checking each part as the catalog does: `parseEntityRef`
 * alone takes `Team Payments!` for a name. Returns the full reference, or why it is not one.
 *
 * @public
 */
export function parseRefOfKind(
  value: string,
  kind: string,
  namespace = 'default',
): { ref: string } | { problem: 'not-a-reference' | 'other-kind' } {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: kind,
      defaultNamespace: namespace,
    });
  } catch {
    return { problem: 'not-a-reference' };
  }
  if (
    !validator.isValidKind(ref.kind) ||
    // References compare without case; namespaces are lower case.
    !validator.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US')) ||
    !validator.isValidEntityName(ref.name)
  )
    return { problem: 'not-a-reference' };
  if (ref.kind.toLocaleLowerCase('en-US') !== kind)
    return { problem: 'other-kind' };
  return { ref: stringifyEntityRef(ref) };
}
