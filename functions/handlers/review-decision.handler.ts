import { dependencies } from '../adapters/dependencies.js';
import { assessmentRuleErrors, readAssessment } from '../domain/assessment.js';
import { criteriaFor } from '../domain/criteria-catalogue.js';
import { partnerPublicName } from '../domain/partners.js';
import { decisionFormSchema } from '../domain/review.js';
import { parseRequestBody } from '../http/request-body.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { AppMetric, MetricUnit, metrics } from '../lambda/metrics.js';
import { assessmentErrorText } from '../templates/labels.js';
import { renderDecisionMade, renderReviewLinkEnded, renderReviewLinkUnknown, renderReviewPage } from '../templates/review-page.template.js';
import { decideByReviewerLink, reviewContext, viewReviewerLink } from '../use-cases/reviewer-link.use-case.js';
import { swedishIssueMessage } from '../templates/validation-messages.js';
import { paths } from '../http/paths.js';

const all = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * POST /review/{token}: the reviewer's assessment of each criterion and the decision, recorded once
 * (later attempts get 409); `decision=save` keeps the assessment without deciding. A decision that
 * breaks the rules (approve with a criterion not met, a completion that names none) gets the page
 * again with the input kept; approving before every partner confirmed gets 409.
 */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const deps = dependencies();
  // The decision form is the only way in: other bodies get 415.
  const body = parseRequestBody(event, ['form']);
  const fields = (body.kind === 'form' ? body.fields : {}) as Record<string, unknown>;
  // The "save" button sends decision=save beside any chosen radio: the button the reviewer pressed wins.
  const decisions = all(fields.decision);
  const decision = decisions.includes('save') ? 'save' : decisions[0];
  const comment = all(fields.comment)[0];
  const parsed = decisionFormSchema.safeParse({ decision, comment });

  const view = await viewReviewerLink(deps, token);
  if (view.kind === 'unknown') return htmlResponse(404, renderReviewLinkUnknown());
  if (view.kind === 'ended') return htmlResponse(410, renderReviewLinkEnded(view.application));
  if (view.kind === 'decided') return htmlResponse(409, renderDecisionMade(view.application, view.decision, { justNow: false }));

  const criteria = criteriaFor(view.application.applicationType);
  const { assessment, errors: assessmentErrors } = readAssessment(fields, criteria);
  const errors = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? 'decision'), message: swedishIssueMessage(i.message) }))),
    ...[...assessmentErrors, ...(parsed.success ? assessmentRuleErrors(parsed.data.decision, assessment, criteria) : [])].map((e) => ({ path: e.path, message: assessmentErrorText(e, criteria) })),
  ];
  const values = { decision: typeof decision === 'string' && decision !== 'save' ? decision : '', comment: typeof comment === 'string' ? comment : '', assessment };
  const page = async (status: number, pageErrors: typeof errors, saved = false) =>
    htmlResponse(
      status,
      renderReviewPage({ application: view.application, round: view.round, reviewer: view.reviewer, action: paths.review(token), context: await reviewContext(deps, view.application, view.round), errors: pageErrors, values, saved }),
    );
  if (!parsed.success || errors.length > 0) return page(400, errors);

  const result = await decideByReviewerLink(deps, token, { ...parsed.data, assessment });
  switch (result.kind) {
    case 'unknown':
      return htmlResponse(404, renderReviewLinkUnknown());
    case 'ended':
      return htmlResponse(410, renderReviewLinkEnded(result.application));
    case 'already_decided':
      return htmlResponse(409, renderDecisionMade(result.application, result.decision, { justNow: false }));
    case 'saved':
      return page(200, [], true);
    case 'partners_pending':
      return page(409, [
        { path: 'partners', message: `Ansökan kan godkännas först när alla samverkanspartner har bekräftat. Väntar på: ${result.pending.map((p) => partnerPublicName(p)).join(', ')}.` },
      ]);
    case 'decided':
      metrics.addMetric(AppMetric.Decisions, MetricUnit.Count, 1);
      return htmlResponse(200, renderDecisionMade(result.application, result.decision, { justNow: true }));
  }
});
