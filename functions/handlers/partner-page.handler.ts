import { dependencies } from '../adapters/dependencies.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderPartnerAnswered, renderPartnerClosed, renderPartnerPage, renderPartnerUnknown } from '../templates/partner-page.template.js';
import { viewPartnerLink } from '../use-cases/partner-confirmation.use-case.js';
import { paths } from '../http/paths.js';

/**
 * GET and HEAD /partner/{token}: the partner's summary of the application and the form. Changes
 * nothing, because mail scanners open links before people do.
 */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const view = await viewPartnerLink(dependencies(), token);
  const respond = (status: number, page: string) =>
    event.requestContext.http.method === 'HEAD' ? { ...htmlResponse(status, ''), body: '' } : htmlResponse(status, page);
  switch (view.kind) {
    case 'unknown':
      return respond(404, renderPartnerUnknown());
    case 'closed':
      return respond(410, renderPartnerClosed(view.application));
    case 'answered':
      return respond(200, renderPartnerAnswered(view.application, view.confirmation, { justNow: false }));
    case 'open':
      return respond(200, renderPartnerPage({ application: view.application, confirmation: view.confirmation, action: paths.partner(token) }));
  }
});
