import type { LocalRoute } from './cloud-assembly.js';

/**
 * HTTP API route selection: `METHOD /path` keys with `{param}` and greedy `{proxy+}` segments,
 * `ANY` methods and a `$default` route. Like API Gateway, the most specific match wins: static
 * segments beat parameters, parameters beat greedy ones, a named method beats ANY.
 */
export interface RouteMatch {
  route: LocalRoute;
  pathParameters: Record<string, string>;
}

interface Compiled {
  route: LocalRoute;
  method: string;
  segments: string[];
  greedy: boolean;
  rank: number[];
}

export class RouteTable {
  private readonly compiled: Compiled[];
  private readonly fallback: LocalRoute | undefined;

  constructor(routes: LocalRoute[]) {
    this.fallback = routes.find((r) => r.routeKey === '$default');
    this.compiled = routes
      .filter((r) => r.routeKey !== '$default')
      .map((route) => {
        const [method = '', path = ''] = route.routeKey.split(' ');
        const segments = path.split('/').filter(Boolean);
        const greedy = segments.at(-1)?.endsWith('+}') ?? false;
        const params = segments.filter((s) => s.startsWith('{')).length;
        return { route, method, segments, greedy, rank: [greedy ? 1 : 0, params, -segments.length, method === 'ANY' ? 1 : 0] };
      })
      .sort((a, b) => compareRanks(a.rank, b.rank));
  }

  find(method: string, rawPath: string): RouteMatch | undefined {
    const parts = rawPath.split('/').filter(Boolean);
    for (const c of this.compiled) {
      if (c.method !== method && c.method !== 'ANY') continue;
      const pathParameters = matchSegments(c, parts);
      if (pathParameters) return { route: c.route, pathParameters };
    }
    return this.fallback ? { route: this.fallback, pathParameters: {} } : undefined;
  }
}

function matchSegments(c: Compiled, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  if (c.greedy ? parts.length < c.segments.length : parts.length !== c.segments.length) return undefined;
  for (const [i, segment] of c.segments.entries()) {
    if (c.greedy && i === c.segments.length - 1) {
      params[segment.slice(1, -2)] = decode(parts.slice(i).join('/'));
    } else if (segment.startsWith('{') && segment.endsWith('}')) {
      params[segment.slice(1, -1)] = decode(parts[i]!);
    } else if (segment !== parts[i]) {
      return undefined;
    }
  }
  return params;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
