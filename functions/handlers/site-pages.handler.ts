import { problemTypes } from '../http/http-problem.js';
import { htmlResponse, jsonResponse, prefersHtml, type HttpResult } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { faviconIco } from '../templates/favicon.js';
import { siteStyles } from '../templates/site-styles.js';
import { withEntityTag } from '../http/cacheable.js';
import { renderLandingPage, renderNotFoundPage, renderPrivacyPage } from '../templates/site-pages.template.js';

/** Public pages hold nothing private: shared caches may keep them a while. */
const publicCache = { 'cache-control': 'public, max-age=300' };

/**
 * The site around the service: `/` (what QM is, how to apply, the register), `/integritet` (the
 * privacy notice), `/styles.css` (every page's style sheet), `/favicon.ico`, and the HTTP API's `$default` route: every path no other route
 * takes. Browsers get a Swedish HTML page there; API clients get problem+json, like every other
 * error of the API. Reads nothing and needs no table.
 */
export const handler = httpHandler(async (event): Promise<HttpResult> => {
  switch (event.routeKey) {
    case 'GET /':
    case 'HEAD /':
      return htmlResponse(200, renderLandingPage(), publicCache);
    case 'GET /integritet':
    case 'HEAD /integritet':
      return htmlResponse(200, renderPrivacyPage(), publicCache);
    case 'GET /styles.css':
    case 'HEAD /styles.css':
      // Revalidated by its ETag after five minutes, so a changed sheet reaches browsers soon.
      return withEntityTag(event.headers['if-none-match'], {
        statusCode: 200,
        headers: { 'content-type': 'text/css; charset=utf-8', 'x-content-type-options': 'nosniff', ...publicCache },
        body: siteStyles,
      });
    case 'GET /favicon.ico':
    case 'HEAD /favicon.ico':
      return {
        statusCode: 200,
        headers: { 'content-type': 'image/x-icon', 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' },
        body: faviconIco.toString('base64'),
        isBase64Encoded: true,
      };
    default: {
      const apiPath = event.rawPath === '/api' || event.rawPath.startsWith('/api/');
      if (!apiPath && prefersHtml(event.headers)) return htmlResponse(404, renderNotFoundPage());
      // Answered here rather than thrown: the error middleware would give a browser HTML even under /api/.
      return jsonResponse(
        404,
        { type: problemTypes.notFound, title: 'Finns inte', status: 404, detail: `Det finns ingen resurs på ${event.rawPath}.` },
        { 'content-type': 'application/problem+json; charset=utf-8' },
      );
    }
  }
});
