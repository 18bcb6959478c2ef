import { dependencies } from '../adapters/dependencies.js';
import { hashToken, isWellFormedToken } from '../domain/secret-token.js';
import { clearedReceivedCookie, hasReceivedCookie } from '../http/received-notice.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderStatusNotFound, renderStatusPage } from '../templates/status-page.template.js';

/** GET /status/{token}: the applicant's private status page. Reads only. */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  if (!isWellFormedToken(token)) return htmlResponse(404, renderStatusNotFound());
  const { applications } = dependencies();
  const applicationId = await applications.findIdByStatusLink(hashToken(token));
  const application = applicationId ? await applications.get(applicationId) : undefined;
  if (!application) return htmlResponse(404, renderStatusNotFound());
  if (!hasReceivedCookie(event.cookies, application.id)) return htmlResponse(200, renderStatusPage({ application }));
  return { ...htmlResponse(200, renderStatusPage({ application, justSubmitted: true })), cookies: [clearedReceivedCookie()] };
});
