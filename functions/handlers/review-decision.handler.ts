import { dependencies } from '../adapters/dependencies.js';
import { decisionFormSchema } from '../domain/review.js';
import { parseRequestBody } from '../http/request-body.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { AppMetric, MetricUnit, metrics } from '../lambda/metrics.js';
import { renderDecisionMade, renderReviewLinkEnded, renderReviewLinkUnknown, renderReviewPage } from '../templates/review-page.template.js';
import { decideByReviewerLink, organisationRecord, viewReviewerLink } from '../use-cases/reviewer-link.use-case.js';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** POST /review/{token}: the reviewer's decision, recorded once; later attempts get 409. */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const deps = dependencies();
  // The decision form is the only way in: other bodies get 415, so every field here is a string.
  const body = parseRequestBody(event, ['form']);
  const fields = body.kind === 'form' ? { decision: first(body.fields.decision), comment: first(body.fields.comment) } : {};
  const parsed = decisionFormSchema.safeParse(fields);

  if (!parsed.success) {
    // Nothing is decided; show the form again with the reviewer's input, if the link is good.
    const view = await viewReviewerLink(deps, token);
    if (view.kind === 'unknown') return htmlResponse(404, renderReviewLinkUnknown());
    if (view.kind === 'ended') return htmlResponse(410, renderReviewLinkEnded(view.application));
    if (view.kind === 'decided') return htmlResponse(409, renderDecisionMade(view.application, view.decision, { justNow: false }));
    const errors = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? 'decision'), message: i.message }));
    const values = { decision: fields.decision ?? '', comment: fields.comment ?? '' };
    return htmlResponse(400, renderReviewPage({ application: view.application, reviewer: view.reviewer, action: `/review/${token}`, errors, values, record: await organisationRecord(deps, view.application) }));
  }

  const result = await decideByReviewerLink(deps, token, parsed.data);
  switch (result.kind) {
    case 'unknown':
      return htmlResponse(404, renderReviewLinkUnknown());
    case 'ended':
      return htmlResponse(410, renderReviewLinkEnded(result.application));
    case 'already_decided':
      return htmlResponse(409, renderDecisionMade(result.application, result.decision, { justNow: false }));
    case 'decided':
      metrics.addMetric(AppMetric.Decisions, MetricUnit.Count, 1);
      return htmlResponse(200, renderDecisionMade(result.application, result.decision, { justNow: true }));
  }
});
