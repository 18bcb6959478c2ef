import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRoute } from '../src/cloud-assembly.js';
import { startHttpGateway, type HttpGateway } from '../src/http-gateway.js';

const routes: LocalRoute[] = [
  { routeKey: 'GET /echo/{id}', functionLogicalId: 'Echo' },
  { routeKey: 'POST /echo', functionLogicalId: 'Echo' },
  { routeKey: 'GET /files/{path+}', functionLogicalId: 'Echo' },
  { routeKey: 'GET /files/static', functionLogicalId: 'Static' },
  { routeKey: 'GET /string', functionLogicalId: 'String' },
  { routeKey: 'GET /object', functionLogicalId: 'Object' },
  { routeKey: 'GET /cookies', functionLogicalId: 'Cookies' },
  { routeKey: 'GET /binary', functionLogicalId: 'Binary' },
  { routeKey: 'GET /boom', functionLogicalId: 'Boom' },
  { routeKey: 'GET /malformed', functionLogicalId: 'Malformed' },
  { routeKey: 'HEAD /head', functionLogicalId: 'Head' },
  { routeKey: 'GET /head', functionLogicalId: 'Head' },
];

const handlers: Record<string, (event: APIGatewayProxyEventV2) => unknown> = {
  Echo: (event) => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event) }),
  Static: () => ({ statusCode: 200, body: 'static' }),
  String: () => 'hello',
  Object: () => ({ a: 1 }),
  Cookies: () => ({ statusCode: 204, cookies: ['a=1; Path=/', 'b=2'] }),
  Binary: () => ({ statusCode: 200, isBase64Encoded: true, body: Buffer.from([0, 1, 2, 255]).toString('base64') }),
  Boom: () => {
    throw new Error('kaboom');
  },
  Malformed: () => ({ statusCode: 'oops' }),
  Head: () => ({ statusCode: 200, headers: { 'x-head': 'yes' }, body: 'not for HEAD' }),
};

let gateway: HttpGateway;
let base: string;
const logLines: string[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  gateway = await startHttpGateway({ port: 0, log: (l) => logLines.push(l), logError: (_m, e) => errors.push(e) });
  base = `http://127.0.0.1:${gateway.port}`;
});
afterAll(() => gateway.stop());

const echo = async (path: string, init?: RequestInit) => (await (await fetch(base + path, init)).json()) as APIGatewayProxyEventV2;

describe('HTTP gateway', () => {
  it('answers 503 until the app is installed, then /health is 200', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(503);
    expect((await fetch(`${base}/echo/1`)).status).toBe(503);
    gateway.setApp(routes, async (id, event) => handlers[id]!(event as APIGatewayProxyEventV2));
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('builds a payload 2.0 event: route, path and query parameters, lower-case headers, cookies, context', async () => {
    const event = await echo('/echo/a%20b?x=1&x=2&y=z', { headers: { 'X-Custom': 'v', cookie: 'c1=1; c2=2' } });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /echo/{id}',
      rawPath: '/echo/a%20b',
      rawQueryString: 'x=1&x=2&y=z',
      queryStringParameters: { x: '1,2', y: 'z' },
      pathParameters: { id: 'a b' },
      cookies: ['c1=1', 'c2=2'],
      isBase64Encoded: false,
      requestContext: { routeKey: 'GET /echo/{id}', stage: '$default', http: { method: 'GET', path: '/echo/a%20b', protocol: 'HTTP/1.1' } },
    });
    expect(event.headers['x-custom']).toBe('v');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(event.requestContext.timeEpoch).toBeGreaterThan(0);
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('joins repeated headers with commas', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request(`${base}/echo/1`, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      });
      req.setHeader('x-dup', ['a', 'b']);
      req.on('error', reject);
      req.end();
    });
    expect((JSON.parse(body) as APIGatewayProxyEventV2).headers['x-dup']).toBe('a,b');
  });

  it('passes JSON as text and form posts as base64, like HTTP APIs', async () => {
    const json = await echo('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"å":1}' });
    expect(json).toMatchObject({ body: '{"å":1}', isBase64Encoded: false });
    const form = await echo('/echo', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=%C3%A5' });
    expect(form.isBase64Encoded).toBe(true);
    expect(Buffer.from(form.body!, 'base64').toString()).toBe('a=1&b=%C3%A5');
  });

  it('prefers static segments over parameters and greedy paths', async () => {
    expect(await (await fetch(`${base}/files/static`)).text()).toBe('static');
    expect((await echo('/files/a/b/c')).pathParameters).toEqual({ path: 'a/b/c' });
  });

  it('treats plain results like API Gateway does', async () => {
    const text = await fetch(`${base}/string`);
    expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([200, 'application/json', 'hello']);
    const object = await fetch(`${base}/object`);
    expect([object.status, await object.json()]).toEqual([200, { a: 1 }]);
  });

  it('writes cookies as set-cookie headers and decodes base64 bodies', async () => {
    const cookies = await fetch(`${base}/cookies`);
    expect(cookies.status).toBe(204);
    expect(cookies.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    const binary = await fetch(`${base}/binary`);
    expect([...new Uint8Array(await binary.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('answers 404 for unknown routes and for HEAD without a HEAD route; never sends a HEAD body', async () => {
    const missing = await fetch(`${base}/nope`);
    expect([missing.status, await missing.json()]).toEqual([404, { message: 'Not Found' }]);
    const headOfGet = await fetch(`${base}/string`, { method: 'HEAD' });
    expect(headOfGet.status).toBe(404);
    const head = await fetch(`${base}/head`, { method: 'HEAD' });
    expect([head.status, head.headers.get('x-head'), await head.text()]).toEqual([200, 'yes', '']);
  });

  it('answers 500 and logs when a handler throws or answers malformed', async () => {
    for (const path of ['/boom', '/malformed']) {
      const res = await fetch(base + path);
      expect([res.status, await res.json()]).toEqual([500, { message: 'Internal Server Error' }]);
    }
    expect(errors.map((e) => String(e))).toEqual([expect.stringContaining('kaboom'), expect.stringContaining('Malformed')]);
  });

  it('rejects bodies over 10 MB with 413', async () => {
    const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });

  it('logs one line per request: method, path without query, status, duration', () => {
    expect(logLines).toContainEqual(expect.stringMatching(/^GET \/echo\/a%20b 200 \d+ms$/));
  });
});

describe('request log', () => {
  it('does not write link tokens into the log', async () => {
    const { redactTokens } = await import('../src/http-gateway.js');
    expect(redactTokens('/review/zIvOYcnIkkdpk7nGCXX-MGBDmGsVH4UEIzBcjUztTgw')).toBe('/review/…');
    expect(redactTokens('/apply')).toBe('/apply');
  });
});
