import { dependencies } from '../adapters/dependencies.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderDecisionMade, renderReviewLinkEnded, renderReviewLinkUnknown, renderReviewPage } from '../templates/review-page.template.js';
import { reviewContext, viewReviewerLink } from '../use-cases/reviewer-link.use-case.js';
import { paths } from '../http/paths.js';

/**
 * GET and HEAD /review/{token}: the application and the decision form. Changes nothing, because
 * mail scanners (Safe Links, Defender, Mimecast) open links before people do.
 */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const deps = dependencies();
  const view = await viewReviewerLink(deps, token);
  const respond = (status: number, page: string) =>
    event.requestContext.http.method === 'HEAD' ? { ...htmlResponse(status, ''), body: '' } : htmlResponse(status, page);
  switch (view.kind) {
    case 'unknown':
      return respond(404, renderReviewLinkUnknown());
    case 'ended':
      return respond(410, renderReviewLinkEnded(view.application));
    case 'decided':
      return respond(200, renderDecisionMade(view.application, view.decision, { justNow: false }));
    case 'open':
      return respond(200, renderReviewPage({ application: view.application, round: view.round, reviewer: view.reviewer, action: paths.review(token), context: await reviewContext(deps, view.application, view.round) }));
  }
});
