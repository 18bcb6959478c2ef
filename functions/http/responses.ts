import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { pageContentSecurityPolicy } from '../templates/layout.template.js';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Private links must not be kept in shared caches.
  'cache-control': 'no-store',
};

export function htmlResponse(statusCode: number, page: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': pageContentSecurityPolicy,
      ...securityHeaders,
      ...headers,
    },
    body: page,
  };
}

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...securityHeaders, ...headers },
    body: JSON.stringify(body),
  };
}

export function redirectResponse(location: string, statusCode = 303): HttpResult {
  return { statusCode, headers: { location, ...securityHeaders }, body: '' };
}

/** True when the client asked for HTML (a browser) rather than JSON. */
export function prefersHtml(headers: Record<string, string | undefined>): boolean {
  const accept = headers.accept ?? '';
  return accept.includes('text/html');
}
