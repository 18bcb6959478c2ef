import { extractFormMeta } from '../domain/application-form.js';
import { knownFormFields, summariseSelfEvaluation } from '../domain/self-evaluation.js';
import { binaryResponse } from '../http/cacheable.js';
import { parseFormBody } from '../http/form-body.js';
import { htmlResponse, type HttpResult } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { pickLocale } from '../templates/messages.js';
import { renderSelfEvaluationForm, renderSelfEvaluationSummary, selfEvaluationView } from '../templates/self-evaluation.template.js';

/**
 * The self-evaluation: GET /self-evaluation shows the form; POST /self-evaluation shows it again with
 * the answers (to change them); POST /self-evaluation/summary renders the printable summary and
 * POST /self-evaluation/summary.pdf the same as a PDF. Nothing is stored or sent anywhere: this
 * function has no access to the table or to mail (infra/lambda-functions.ts), and every answer
 * travels in the request and comes back in the response.
 */
export const handler = httpHandler(async (event): Promise<HttpResult> => {
  const query = event.queryStringParameters ?? {};
  if (event.requestContext.http.method === 'GET') {
    const type = query.type === 'revision' ? 'revision' : 'full';
    return htmlResponse(200, renderSelfEvaluationForm({ type, locale: pickLocale(query.lang) }));
  }

  const posted = parseFormBody(event);
  const meta = extractFormMeta(posted);
  const locale = meta.locale ?? pickLocale(query.lang);
  const fields = knownFormFields(posted, meta.type);
  const route = event.routeKey ?? '';
  if (route.endsWith('/summary') || route.endsWith('/summary.pdf')) {
    const view = selfEvaluationView(summariseSelfEvaluation(fields), locale);
    if (route.endsWith('/summary')) return htmlResponse(200, renderSelfEvaluationSummary(view, fields));
    // pdf-lib and fontkit load with the first PDF, not at cold start: the form and the summary need neither.
    const { renderSelfEvaluationPdf } = await import('../documents/self-evaluation-pdf.js');
    const pdf = await renderSelfEvaluationPdf(view, new Date());
    return binaryResponse(200, pdf, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${locale === 'en' ? 'qm-self-evaluation' : 'qm-sjalvutvardering'}.pdf"`,
      // The answers are the organisation's own: no cache anywhere keeps them.
      'cache-control': 'no-store',
    });
  }
  return htmlResponse(200, renderSelfEvaluationForm({ type: meta.type, locale, values: fields }));
});
