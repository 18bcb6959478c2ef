import { dependencies } from '../adapters/dependencies.js';
import { htmlResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderCompletionClosed, renderCompletionDone, renderCompletionForm, renderCompletionUnknown } from '../templates/completion-page.template.js';
import { viewCompletion } from '../use-cases/completion.use-case.js';

/** GET /complete/{token}: the applicant's prefilled completion form. Reads only. */
export const handler = httpHandler(async (event) => {
  const token = event.pathParameters?.token ?? '';
  const view = await viewCompletion(dependencies(), token);
  switch (view.kind) {
    case 'unknown':
      return htmlResponse(404, renderCompletionUnknown());
    case 'closed':
      return htmlResponse(410, renderCompletionClosed(view.application));
    case 'answered':
      return htmlResponse(200, renderCompletionDone(view.application, { justNow: false }));
    case 'open':
      return htmlResponse(200, renderCompletionForm({ application: view.application, request: view.request, action: `/complete/${token}` }));
  }
});
