import { ResponseError } from '@backstage/errors';
import { serverMessage } from './errorMessage';

const response = (body: unknown, status: number, statusText: string) =>
  new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'content-type': 'application/json' },
  });

describe('serverMessage', () => {
  it('takes the message from a Backstage error body', async () => {
    const error = await ResponseError.fromResponse(
      response(
        {
          error: { name: 'InputError', message: 'Expiry is too far ahead' },
          response: { statusCode: 400 },
        },
        400,
        'Bad Request',
      ),
    );
    expect(serverMessage(error)).toBe('Expiry is too far ahead');
  });

  it('takes the message from a bare { error: { message } } body', async () => {
    const error = await ResponseError.fromResponse(
      response(
        { error: { message: 'Expiry is more than 90 days ahead' } },
        400,
        'Bad Request',
      ),
    );
    expect(serverMessage(error)).toBe('Expiry is more than 90 days ahead');
  });

  it('says a 403 is not allowed', async () => {
    const error = await ResponseError.fromResponse(
      response(
        {
          error: { name: 'NotAllowedError', message: 'Unauthorized' },
          response: { statusCode: 403 },
        },
        403,
        'Forbidden',
      ),
    );
    expect(serverMessage(error)).toBe('Not allowed: Unauthorized');
  });

  it('uses the message of any other error', () => {
    expect(serverMessage(new Error('Failed to fetch'))).toBe('Failed to fetch');
  });
});
