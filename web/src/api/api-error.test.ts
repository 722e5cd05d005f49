// The API's error envelope and everything that is not one (gateway pages, dropped connections).
import { describe, expect, it } from 'vitest';
import { describeError } from '../i18n/describe-error.ts';
import { createTranslator } from '../i18n/translate.ts';
import { ApiError, networkError, parseApiError } from './api-error.ts';

describe('parseApiError', () => {
  it('reads code, message, field errors and the correlation id from the envelope', () => {
    const error = parseApiError(
      400,
      JSON.stringify({
        error: {
          code: 'ValidationFailed',
          message: 'Invalid input',
          fields: [{ field: 'name', message: 'Must not be empty' }, { field: 'locale' }, 'junk'],
          correlationId: 'c-123',
        },
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'ValidationFailed',
      message: 'Invalid input',
      correlationId: 'c-123',
    });
    expect(error.fields).toEqual([
      { field: 'name', message: 'Must not be empty' },
      { field: 'locale', message: '' },
    ]);
    expect(error.fieldMessage('name')).toBe('Must not be empty');
    expect(error.fieldMessage('email')).toBeUndefined();
  });

  it('recognises a stale write', () => {
    const error = parseApiError(409, '{"error":{"code":"StaleVersion","message":"version 3 expected 2"}}');
    expect(error.code).toBe('StaleVersion');
  });

  it('derives a code from the status when the body is not the envelope', () => {
    const gateway = parseApiError(502, '<html>Bad Gateway</html>', 'req-9');
    expect(gateway).toMatchObject({
      status: 502,
      code: 'Internal',
      message: 'HTTP 502',
      correlationId: 'req-9',
    });
    expect(parseApiError(404, '')).toMatchObject({ code: 'NotFound' });
    expect(parseApiError(403, '{"message":"Forbidden"}')).toMatchObject({ code: 'Forbidden' });
    expect(parseApiError(418, 'null')).toMatchObject({ code: 'Http418' });
  });

  it('prefers the correlation id in the body over the header', () => {
    const error = parseApiError(
      500,
      '{"error":{"code":"Internal","message":"x","correlationId":"body-id"}}',
      'hdr',
    );
    expect(error.correlationId).toBe('body-id');
  });
});

describe('describeError', () => {
  const ru = createTranslator(() => 'ru');
  const en = createTranslator(() => 'en');

  it('shows a 500 with the correlation id support needs', () => {
    const error = parseApiError(500, '{"error":{"code":"Internal","message":"boom","correlationId":"01HX"}}');
    expect(describeError(error, ru)).toEqual({
      message: 'Внутренняя ошибка сервера. Попробуйте позже.',
      correlationId: '01HX',
    });
  });

  it('localizes known codes and never shows the raw server message', () => {
    expect(describeError(networkError(new TypeError('Failed to fetch')), en).message).toBe(
      'Cannot reach the server. Check your internet connection.',
    );
    expect(
      describeError(parseApiError(403, '{"error":{"code":"Forbidden","message":"nope"}}'), ru).message,
    ).toBe('Недостаточно прав для этого действия.');
    expect(describeError(parseApiError(429, ''), en).message).toBe('The request failed (status 429).');
  });
});
