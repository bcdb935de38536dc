/**
 * The message the server gave for a failed request. A ResponseError keeps it in `body.error`
 * when the body is a Backstage error (`{ error, response }`); a bare `{ error: { message } }`
 * body ends up inside the generic "Request failed with status …, <body>" text instead.
 */
export function serverMessage(error: unknown): string {
  const e = error as {
    message?: string;
    statusCode?: number;
    body?: { error?: { message?: string } };
  };
  let message = e?.body?.error?.message ?? e?.message ?? String(error);
  const raw = message.match(/^Request failed with status [^,]*, (\{.*\})$/s);
  if (raw) {
    try {
      const parsed = JSON.parse(raw[1]);
      if (typeof parsed?.error?.message === 'string')
        message = parsed.error.message;
    } catch {
      // not JSON: keep the text as it is
    }
  }
  if (e?.statusCode === 403) return `Not allowed: ${message}`;
  return message;
}
