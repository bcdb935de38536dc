import type express from 'express';
import { InputError } from '@backstage/errors';

/*
 * PostgreSQL text cannot hold U+0000: a query or a write carrying it failed with a 500 there and
 * was stored on SQLite. No name, ref, reason or fact value needs it, so it is refused everywhere,
 * alike on both databases, naming where it was found.
 */
const NUL = '\u0000';

const refused = (where: string) =>
  new InputError(`${where} must not contain the NUL character (U+0000)`);

/** The path of the first string (or key) holding NUL; iterative, so any nesting is safe. */
export function findNul(value: unknown, path: string): string | undefined {
  const pending: [unknown, string][] = [[value, path]];
  while (pending.length) {
    const [current, at] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return at;
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes(NUL)) return at;
        pending.push([child, `${at}/${key}`]);
      }
    }
  }
  return undefined;
}

/** Refuses NUL in the query and the (already parsed) body. */
export const refuseNulInQueryAndBody: express.RequestHandler = (
  req,
  _res,
  next,
) => {
  const where =
    findNul(req.query, 'request/query') ?? findNul(req.body, 'request/body');
  next(where ? refused(where) : undefined);
};

/** Refuses NUL in each of these path parameters, naming it. */
export function refuseNulInPathParameters(
  router: express.Router,
  names: Iterable<string>,
) {
  for (const name of names) {
    router.param(name, (_req, _res, next, value: string) =>
      next(value.includes(NUL) ? refused(`request/params/${name}`) : undefined),
    );
  }
}
