import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { buildEvent, interpretResult, type HttpResponse } from './api-gateway-event.js';
import type { LocalRoute } from './cloud-assembly.js';
import { BodyTooLargeError, close, listen, readBody } from './http-util.js';
import { RouteTable } from './route-table.js';

/**
 * The HTTP API, locally: matches the template's routes and calls the handlers in process with
 * payload-2.0 events (api-gateway-event.ts). Behaves like API Gateway where the app can tell:
 * unknown route → 404 {"message":"Not Found"}, a HEAD request only matches a HEAD (or ANY) route,
 * bodies over 10 MB → 413, a handler that throws or answers malformed → 500
 * {"message":"Internal Server Error"} (and the error is logged here, as CloudWatch would).
 *
 * It listens as soon as it is created (so the port, hence PUBLIC_BASE_URL, is known before the
 * app is synthesised) and answers 503 until `setApp` installs routes. `GET /health` is the local
 * system's own readiness check (an app route with that key takes precedence; a `$default` route
 * does not).
 */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type Invoke = (functionLogicalId: string, event: unknown) => Promise<unknown>;

export interface HttpGatewayOptions {
  port?: number;
  host?: string;
  /** No per-request log lines. Errors are still logged. */
  quiet?: boolean;
  log?: (line: string) => void;
  logError?: (message: string, err: unknown) => void;
}

export interface HttpGateway {
  port: number;
  /** Installs the routes and the invoker; the gateway is ready (health 200) from then on. */
  setApp(routes: LocalRoute[], invoke: Invoke): void;
  stop(): Promise<void>;
}

export async function startHttpGateway(options: HttpGatewayOptions = {}): Promise<HttpGateway> {
  const log = options.log ?? ((line: string) => console.log(line));
  const logError = options.logError ?? ((message: string, err: unknown) => console.error(message, err));
  let app: { table: RouteTable; invoke: Invoke } | undefined;

  const server: Server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (options.quiet) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${req.method} ${redactTokens((req.url ?? '/').split('?')[0]!)} ${res.statusCode} ${ms.toFixed(0)}ms`);
    });
    handle(req, res).catch((err: unknown) => {
      logError(`${req.method} ${redactTokens((req.url ?? "/").split("?")[0]!)}: gateway error`, err);
      if (!res.headersSent) write(req, res, jsonResponse(500, { message: 'Internal Server Error' }));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const match = app?.table.find(method, rawPath);
    // The app's own /health route wins; its catch-all ($default) does not.
    if ((!match || match.route.routeKey === '$default') && method === 'GET' && rawPath === '/health') {
      return write(req, res, app ? jsonResponse(200, { status: 'ok' }) : jsonResponse(503, { status: 'starting' }));
    }
    if (!app) return write(req, res, jsonResponse(503, { message: 'Service Unavailable' }));
    if (!match) return write(req, res, jsonResponse(404, { message: 'Not Found' }));

    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge(req, res);
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return tooLarge(req, res);
      throw err;
    }

    let response: HttpResponse;
    try {
      const result = await app.invoke(match.route.functionLogicalId, buildEvent(req, body, match));
      response = interpretResult(result);
    } catch (err) {
      logError(`${method} ${redactTokens(rawPath)} → ${match.route.functionLogicalId} failed:`, err);
      response = jsonResponse(500, { message: 'Internal Server Error' });
    }
    write(req, res, response);
  }

  const port = await listen(server, options.port ?? 3000, options.host);
  return {
    port,
    setApp(routes, invoke) {
      app = { table: new RouteTable(routes), invoke };
    },
    stop: () => close(server),
  };
}

function jsonResponse(statusCode: number, body: unknown): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(JSON.stringify(body)) };
}

function tooLarge(req: IncomingMessage, res: ServerResponse) {
  res.setHeader('connection', 'close'); // the rest of the body is not read
  write(req, res, jsonResponse(413, { message: 'Request Entity Too Large' }));
}

/** Writes a response; never a body for HEAD. */
function write(req: IncomingMessage, res: ServerResponse, r: HttpResponse): void {
  for (const [name, value] of Object.entries(r.headers)) res.setHeader(name, value);
  if (r.cookies.length) res.setHeader('set-cookie', r.cookies);
  res.setHeader('content-length', r.body.length);
  res.statusCode = r.statusCode;
  res.end(req.method === 'HEAD' ? undefined : r.body);
}

/** Link tokens are credentials: the request log shows where a request went, not its secret. */
export function redactTokens(path: string): string {
  return path.replace(/[A-Za-z0-9_-]{43}/g, '…');
}
