import { renderCompletionClosed, renderCompletionDone, renderCompletionUnknown } from '../templates/completion-page.template.js';
import type { CompletionView } from '../use-cases/completion.use-case.js';
import { htmlResponse, type HttpResult } from './responses.js';

/** The answer for a completion link that cannot take a form: unknown 404, closed 410, answered. */
export function completionLinkAnswer(view: Exclude<CompletionView, { kind: 'open' }>, answeredStatus: 200 | 409): HttpResult {
  switch (view.kind) {
    case 'unknown':
      return htmlResponse(404, renderCompletionUnknown());
    case 'closed':
      return htmlResponse(410, renderCompletionClosed(view.application));
    case 'answered':
      return htmlResponse(answeredStatus, renderCompletionDone(view.application, { justNow: false }));
  }
}
