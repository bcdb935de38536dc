import type express from 'express';
import { InputError } from '@backstage/errors';

/** Pushed facts and exemptions are small; anything larger is refused with 413. */
export const BODY_LIMIT = '64kb';

function reply(
  req: express.Request,
  res: express.Response,
  status: number,
  name: string,
  message: string,
) {
  res.status(status).json({
    error: { name, message },
    request: { method: req.method, url: req.url },
    response: { statusCode: status },
  });
}

/**
 * Answers 413 for an oversized body and 400 for a body that is not JSON, naming the problem. The
 * OpenAPI router turns every earlier error into a 400, so these are answered here, in Backstage's
 * error format.
 */
export const bodyErrors: express.ErrorRequestHandler = (
  error,
  req,
  res,
  next,
) => {
  if (error?.type === 'entity.too.large') {
    reply(
      req,
      res,
      413,
      'PayloadTooLargeError',
      `Request body is larger than the ${BODY_LIMIT} limit`,
    );
  } else if (error?.type === 'entity.parse.failed') {
    reply(
      req,
      res,
      400,
      'InputError',
      `Request body is not valid JSON: ${error.message}`,
    );
  } else {
    next(error);
  }
};

interface ValidationError {
  status?: number;
  message: string;
  errors?: { path?: string; message: string }[];
}

/**
 * The validator's verdict in words that name what is wrong: each problem with the parameter or
 * body property it concerns (`request/body/colour must NOT have additional properties`), and an
 * unsupported content type by name, with 415.
 */
export const validationErrors: express.ErrorRequestHandler = (
  error: ValidationError,
  req,
  res,
  next,
) => {
  if (error?.status === 415) {
    const type = req.headers['content-type'] ?? 'none';
    reply(
      req,
      res,
      415,
      'UnsupportedMediaTypeError',
      `Unsupported media type "${type}": send application/json`,
    );
    return;
  }
  const problems = (error?.errors ?? []).map(e =>
    e.path?.startsWith('/') ? `request${e.path} ${e.message}` : e.message,
  );
  next(new InputError(problems.length ? problems.join('; ') : error?.message));
};

/**
 * Puts {@link validationErrors} in place of the OpenAPI router's own error transformer, which
 * keeps only the validator's summary ("request/body must NOT have additional properties", without
 * the property). The transformer is the error handler just before the router's `/openapi.json`
 * route; start-up fails loudly should a new version of the router be laid out otherwise.
 */
export function nameValidationErrors(router: express.Router) {
  const stack: { handle: Function; route?: { path: string } }[] = (
    router as any
  ).stack;
  const specRoute = stack.findIndex(l => l.route?.path === '/openapi.json');
  const transformer = stack[specRoute - 1];
  if (specRoute < 1 || transformer.handle.length !== 4) {
    throw new Error(
      'The OpenAPI router has no validator error handler before /openapi.json',
    );
  }
  transformer.handle = validationErrors;
}

/**
 * Refuses a query number that is not finite. The validator coerces `Infinity` or `1e400` to
 * Infinity and then skips the bounds (minimum, maximum) of the coerced value, so a bounded
 * integer would let it through; this runs after the validator, on the coerced values, before any
 * route.
 */
export const finiteQueryNumbers: express.RequestHandler = (req, _res, next) => {
  const infinite = Object.entries(req.query).find(([, value]) =>
    [value]
      .flat()
      .some(v => typeof v === 'number' && !Number.isFinite(v as number)),
  );
  next(
    infinite
      ? new InputError(`request/query/${infinite[0]} must be a finite number`)
      : undefined,
  );
};
