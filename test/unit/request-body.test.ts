import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../functions/http/http-problem.js';
import { parseRequestBody } from '../../functions/http/request-body.js';
import { postEvent } from '../helpers/http-events.js';

// The shared request parsing: what every POST endpoint gets, or the 4xx it answers instead.
const bytesEvent = (bytes: Buffer, contentType: string) => ({
  ...postEvent('POST /applications', '/applications', bytes.toString('base64'), { 'content-type': contentType }),
  isBase64Encoded: true,
});
const problemOf = (act: () => unknown): HttpProblem => {
  try {
    act();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected an HttpProblem');
};

describe('parseRequestBody', () => {
  it('refuses JSON that is not valid UTF-8 with 400 instead of replacing the bytes', () => {
    // Prepare: "Exempelstad" with a latin-1 ä (0xe4) sent as if it were UTF-8
    const event = bytesEvent(Buffer.from([...Buffer.from('{"name":"G'), 0xe4, ...Buffer.from('vle"}')]), 'application/json');

    // Act
    const problem = problemOf(() => parseRequestBody(event));

    // Assess
    expect(problem.status).toBe(400);
    expect(problem.extras.type).toBe('invalid-encoding');
  });

  it('decodes a declared latin-1 body properly', () => {
    // Prepare
    const event = bytesEvent(Buffer.from('{"name":"Gävle"}', 'latin1'), 'application/json; charset=ISO-8859-1');

    // Act
    const body = parseRequestBody(event);

    // Assess
    expect(body).toEqual({ kind: 'json', value: { name: 'Gävle' } });
  });

  it('refuses a charset it cannot decode with 415', () => {
    // Prepare
    const event = bytesEvent(Buffer.from('{}'), 'application/json; charset=klingon');

    // Act
    const problem = problemOf(() => parseRequestBody(event));

    // Assess
    expect(problem.status).toBe(415);
  });

  it('refuses percent-escapes in a form that are not UTF-8', () => {
    // Prepare
    const event = bytesEvent(Buffer.from('organisation.name=G%E4vle'), 'application/x-www-form-urlencoded');

    // Act
    const problem = problemOf(() => parseRequestBody(event));

    // Assess
    expect(problem.status).toBe(400);
    expect(problem.extras.type).toBe('invalid-encoding');
  });

  it('reads form fields: UTF-8 escapes, + as space, repeats as lists, a stray % as is', () => {
    // Prepare
    const event = bytesEvent(Buffer.from('name=G%C3%A4vle+City&a=1&a=2&p=100%&empty'), 'application/x-www-form-urlencoded');

    // Act
    const body = parseRequestBody(event);

    // Assess
    expect(body).toEqual({ kind: 'form', fields: { name: 'Gävle City', a: ['1', '2'], p: '100%', empty: '' } });
  });

  it('gives a form-only endpoint 415 for JSON, so object values never reach it', () => {
    // Prepare
    const event = postEvent('POST /review/{token}', '/review/x', '{"decision":{"toString":1}}', { 'content-type': 'application/json' });

    // Act
    const problem = problemOf(() => parseRequestBody(event, ['form']));

    // Assess
    expect(problem.status).toBe(415);
    expect(problem.extras.headers).toEqual({ 'accept-post': 'application/x-www-form-urlencoded' });
  });

  it('refuses bodies over 1 MB with 413', () => {
    // Prepare
    const event = bytesEvent(Buffer.alloc(1_000_001, 0x20), 'application/json');

    // Act
    const problem = problemOf(() => parseRequestBody(event));

    // Assess
    expect(problem.status).toBe(413);
  });
});
