/** True for a 404 ResponseError: the backend has not analysed the entity yet, or does not know it. */
export const isNotFound = (error: unknown) =>
  (error as { statusCode?: number } | undefined)?.statusCode === 404;

/** The backend's own words for a 404 (what it has not analysed, and why), if it sent any. */
export const notFoundMessage = (error: unknown): string | undefined =>
  (error as { body?: { error?: { message?: string } } } | undefined)?.body
    ?.error?.message;
