import { dependencies } from '../adapters/dependencies.js';
import { memberConfirmationFormSchema } from '../domain/member-confirmation.js';
import { parseRequestBody } from '../http/request-body.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import {
  renderMemberConfirmationAnswered,
  renderMemberConfirmationClosed,
  renderMemberConfirmationPage,
  renderMemberConfirmationUnknown,
} from '../templates/member-confirmation-page.template.js';
import { answerMemberConfirmation, viewMemberConfirmation } from '../use-cases/member-confirmation.use-case.js';
import { swedishIssueMessage } from '../templates/validation-messages.js';
import { paths } from '../http/paths.js';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** POST /confirm/{token}: the member's answer (decision=confirm|decline), recorded once; later posts get 409. */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const deps = dependencies();
  const body = parseRequestBody(event);
  const fields = body.kind === 'form' ? { decision: first(body.fields.decision) } : body.value;
  const parsed = memberConfirmationFormSchema.safeParse(fields ?? {});

  if (!parsed.success) {
    const view = await viewMemberConfirmation(deps, token);
    if (view.kind === 'unknown') return htmlResponse(404, renderMemberConfirmationUnknown());
    if (view.kind === 'closed') return htmlResponse(410, renderMemberConfirmationClosed(view.application));
    if (view.kind === 'answered') return htmlResponse(409, renderMemberConfirmationAnswered(view.application, view.confirmation, { justNow: false }));
    const error = swedishIssueMessage(parsed.error.issues[0]?.message ?? 'member_decision_required');
    return htmlResponse(400, renderMemberConfirmationPage({ application: view.application, confirmation: view.confirmation, action: paths.memberConfirmation(token), error }));
  }

  const result = await answerMemberConfirmation(deps, token, parsed.data.decision);
  switch (result.kind) {
    case 'unknown':
      return htmlResponse(404, renderMemberConfirmationUnknown());
    case 'closed':
      return htmlResponse(410, renderMemberConfirmationClosed(result.application));
    case 'already_answered':
      return htmlResponse(409, renderMemberConfirmationAnswered(result.application, result.confirmation, { justNow: false }));
    case 'answered':
      return htmlResponse(200, renderMemberConfirmationAnswered(result.application, result.confirmation, { justNow: true }));
  }
});
