import { dependencies } from '../adapters/dependencies.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import {
  renderMemberConfirmationAnswered,
  renderMemberConfirmationClosed,
  renderMemberConfirmationPage,
  renderMemberConfirmationUnknown,
} from '../templates/member-confirmation-page.template.js';
import { viewMemberConfirmation } from '../use-cases/member-confirmation.use-case.js';
import { paths } from '../http/paths.js';

/**
 * GET and HEAD /confirm/{token}: the member's view of an application from an unregistered address,
 * with the form. Changes nothing, because mail scanners open links before people do.
 */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const view = await viewMemberConfirmation(dependencies(), token);
  const respond = (status: number, page: string) =>
    event.requestContext.http.method === 'HEAD' ? { ...htmlResponse(status, ''), body: '' } : htmlResponse(status, page);
  switch (view.kind) {
    case 'unknown':
      return respond(404, renderMemberConfirmationUnknown());
    case 'closed':
      return respond(410, renderMemberConfirmationClosed(view.application));
    case 'answered':
      return respond(200, renderMemberConfirmationAnswered(view.application, view.confirmation, { justNow: false }));
    case 'open':
      return respond(200, renderMemberConfirmationPage({ application: view.application, confirmation: view.confirmation, action: paths.memberConfirmation(token) }));
  }
});
