/** True for a 404 ResponseError: the backend has not analysed the entity yet, or does not know it. */
export const isNotFound = (error: unknown) =>
  (error as { statusCode?: number } | undefined)?.statusCode === 404;
