import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** Who did something: a link when it is an entity ref (`user:default/jane`), text otherwise. */
export const ActorLink = ({ actor }: { actor: string }) => {
  try {
    parseEntityRef(actor);
  } catch {
    return <>{actor}</>;
  }
  return <EntityRefLink entityRef={actor} />;
};
