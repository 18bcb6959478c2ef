import { lifecycleDependencies } from '../adapters/dependencies.js';
import { partnerAnswerSchema } from '../domain/partners.js';
import { parseRequestBody } from '../http/request-body.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderPartnerAnswered, renderPartnerClosed, renderPartnerPage, renderPartnerUnknown } from '../templates/partner-page.template.js';
import { answerPartnerLink, viewPartnerLink } from '../use-cases/partner-confirmation.use-case.js';
import { swedishIssueMessage } from '../templates/validation-messages.js';
import { paths } from '../http/paths.js';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** POST /partner/{token}: decision=confirm|decline (a decline needs a comment), recorded once; later posts get 409. */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const deps = lifecycleDependencies();
  const body = parseRequestBody(event);
  const raw = (body.kind === 'form' ? body.fields : (body.value ?? {})) as Record<string, unknown>;
  const fields = { decision: first(raw.decision), comment: first(raw.comment) };
  const parsed = partnerAnswerSchema.safeParse(fields);

  if (!parsed.success) {
    const view = await viewPartnerLink(deps, token);
    if (view.kind === 'unknown') return htmlResponse(404, renderPartnerUnknown());
    if (view.kind === 'closed') return htmlResponse(410, renderPartnerClosed(view.application));
    if (view.kind === 'answered') return htmlResponse(409, renderPartnerAnswered(view.application, view.confirmation, { justNow: false }));
    const errors = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? 'decision'), message: swedishIssueMessage(i.message) }));
    const values = { decision: typeof fields.decision === 'string' ? fields.decision : '', comment: typeof fields.comment === 'string' ? fields.comment : '' };
    return htmlResponse(400, renderPartnerPage({ application: view.application, confirmation: view.confirmation, action: paths.partner(token), errors, values }));
  }

  const result = await answerPartnerLink(deps, token, parsed.data);
  switch (result.kind) {
    case 'unknown':
      return htmlResponse(404, renderPartnerUnknown());
    case 'closed':
      return htmlResponse(410, renderPartnerClosed(result.application));
    case 'already_answered':
      return htmlResponse(409, renderPartnerAnswered(result.application, result.confirmation, { justNow: false }));
    case 'answered':
      return htmlResponse(200, renderPartnerAnswered(result.application, result.confirmation, { justNow: true }));
  }
});
