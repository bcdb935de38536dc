import { parseEntityRef } from '@backstage/catalog-model';

/** What decides who may hear about an entity: its owner and the groups each user belongs to. */
export interface RecipientAccess {
  ownerRef?: string;
  /** User ref → the groups the user is a direct member of (from the catalog). */
  memberships: Map<string, string[]>;
}

const isUser = (ref: string) => {
  try {
    return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'user';
  } catch {
    return false;
  }
};

/**
 * The recipients allowed to hear about an entity: its owning group (the notifications backend
 * sends to its members) and users who own it or are members of that group. Anyone else (a
 * requester who has left the team, a user who is not in the catalog) is dropped, so a
 * notification never reaches a user without access to the entity.
 */
export function recipientsWithAccess(
  candidates: string[],
  access: RecipientAccess,
): string[] {
  const { ownerRef, memberships } = access;
  if (!ownerRef) return [];
  const allowed = candidates.filter(ref =>
    isUser(ref)
      ? ref === ownerRef || (memberships.get(ref) ?? []).includes(ownerRef)
      : ref === ownerRef,
  );
  return [...new Set(allowed)];
}
