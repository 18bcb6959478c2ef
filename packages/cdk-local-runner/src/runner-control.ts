import http, { type Server } from 'node:http';
import { close, listen, readBody, sendJson } from './http-util.js';
import type { ScheduleInfo, ScheduleRun } from './join.js';

/**
 * The runner's own small HTTP API, for CLIs in other processes (src/join.ts is its client):
 *
 *   GET  /schedules          the template's schedules and the names they answer to
 *   POST /schedules/{name}   runs one, body `{"time": "<ISO>"}` optional (default: now);
 *                            200 with the target's result, 404 naming the known schedules,
 *                            500 with the target's error
 *
 * It is not on the app's gateway: the app owns every path there (a `$default` route, say).
 */
export interface RunnerControl {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface RunnerControlHandlers {
  schedules(): ScheduleInfo[];
  runSchedule(name: string, now: Date | undefined): Promise<ScheduleRun>;
}

export async function startRunnerControl(handlers: RunnerControlHandlers, options: { port?: number; host?: string } = {}): Promise<RunnerControl> {
  const server: Server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://runner');
    const run = /^\/schedules\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === '/schedules') return sendJson(res, 200, handlers.schedules());
    if (req.method === 'POST' && run) {
      void (async () => {
        try {
          const text = (await readBody(req, 64 * 1024)).toString('utf8');
          const { time } = (text ? JSON.parse(text) : {}) as { time?: string };
          const now = time === undefined ? undefined : new Date(time);
          if (now && Number.isNaN(now.getTime())) return sendJson(res, 400, { error: `time is not a timestamp: ${time}` });
          sendJson(res, 200, await handlers.runSchedule(decodeURIComponent(run[1]!), now));
        } catch (err) {
          const known = (err as { known?: string[] }).known;
          sendJson(res, known ? 404 : 500, { error: err instanceof Error ? err.message : String(err), ...(known ? { known } : {}) });
        }
      })();
      return;
    }
    sendJson(res, 404, { error: `No such runner operation: ${req.method} ${url.pathname}` });
  });
  const port = await listen(server, options.port ?? 0, options.host);
  return { endpoint: `http://127.0.0.1:${port}`, port, stop: () => close(server) };
}
