import { dependencies } from '../adapters/dependencies.js';
import { completionLinkAnswer } from '../http/completion-responses.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderCompletionForm } from '../templates/completion-page.template.js';
import { viewCompletion } from '../use-cases/completion.use-case.js';
import { paths } from '../http/paths.js';

/** GET /complete/{token}: the applicant's prefilled completion form. Reads only. */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const view = await viewCompletion(dependencies(), token);
  if (view.kind !== 'open') return completionLinkAnswer(view, 200);
  return htmlResponse(200, renderCompletionForm({ application: view.application, request: view.request, action: paths.completion(token) }));
});
