import { dependencies } from '../adapters/dependencies.js';
import { applicationBodyFromForm } from '../domain/application-form.js';
import { validateApplication } from '../domain/application.schema.js';
import { fieldError } from '../domain/validation-error.js';
import { parseRequestBody } from '../http/request-body.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { completionLinkAnswer } from '../http/completion-responses.js';
import { renderCompletionDone, renderCompletionForm } from '../templates/completion-page.template.js';
import { submitCompletion, viewCompletion } from '../use-cases/completion.use-case.js';
import { paths } from '../http/paths.js';

/** POST /complete/{token}: the completed application, validated like a new submission. */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const deps = dependencies();
  const body = parseRequestBody(event);
  const fields = body.kind === 'form' ? body.fields : undefined;
  const validation = validateApplication(body.kind === 'form' ? applicationBodyFromForm(body.fields) : body.value);
  const action = paths.completion(token);

  if (!validation.ok) {
    const view = await viewCompletion(deps, token);
    if (view.kind !== 'open') return completionLinkAnswer(view, 409);
    return htmlResponse(400, renderCompletionForm({ application: view.application, request: view.request, action, values: fields, errors: validation.errors }));
  }

  const result = await submitCompletion(deps, token, validation.value);
  if (result.kind === 'accepted') return htmlResponse(200, renderCompletionDone(result.application, { justNow: true }));
  if (result.kind === 'organisation_changed') {
    const errors = [fieldError('organisation.organisationNumber', 'completion_organisation_locked')];
    return htmlResponse(400, renderCompletionForm({ application: result.application, request: result.request, action, values: fields, errors }));
  }
  if (result.kind === 'contact_changed') {
    const errors = [fieldError('contact.email', 'completion_contact_email_locked')];
    return htmlResponse(400, renderCompletionForm({ application: result.application, request: result.request, action, values: fields, errors }));
  }
  if (result.kind === 'partners_changed') {
    const errors = [fieldError('partners', 'completion_partners_locked')];
    return htmlResponse(400, renderCompletionForm({ application: result.application, request: result.request, action, values: fields, errors }));
  }
  return completionLinkAnswer(result, 409);
});
