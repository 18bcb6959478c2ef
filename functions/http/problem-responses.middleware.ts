import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { html, renderPage } from '../templates/layout.template.js';
import { publicBaseUrl } from '../config/runtime-config.js';
import { firstErrors } from '../domain/error-list.js';
import { HttpProblem, problemTypeUri } from './http-problem.js';
import { pickLocale } from '../templates/messages.js';
import { htmlResponse, jsonResponse, prefersHtml, type HttpResult } from './responses.js';
import { paths } from './paths.js';

/**
 * The language of the field errors' messages: English when `?lang=en` or Accept-Language asks for
 * it first, Swedish otherwise (the title and detail stay Swedish, as the OpenAPI document says).
 */
function requestLocale(event: APIGatewayProxyEventV2 | undefined) {
  return pickLocale(event?.queryStringParameters?.lang ?? event?.headers?.['accept-language']);
}

/**
 * Turns thrown errors into answers: HttpProblem → its status (problem+json, or an HTML page for
 * browsers); anything else → 500 without internals, and the error is logged.
 */
export function problemResponses(logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  return {
    onError: async (request) => {
      const { error } = request;
      const problem =
        error instanceof HttpProblem
          ? error
          : new HttpProblem(500, 'Internt fel', 'Något gick fel hos oss. Försök igen om en stund.');
      if (!(error instanceof HttpProblem)) logger.error('Unhandled error', { error });
      const headers = request.event?.headers ?? {};
      // Never more than the first few errors, whatever the input: the answer's size stays bounded.
      const errors = problem.extras.errors ? firstErrors(problem.extras.errors.items) : undefined;
      const word = problem.extras.errors?.word;
      if (prefersHtml(headers)) {
        const body = html`<h1>${problem.title}</h1><p>${problem.detail}</p>
${errors?.items.length && word ? html`<ul>${word(errors.items, 'sv').map((e) => html`<li>${e.message}</li>`)}</ul>` : ''}
${errors && errors.total > errors.items.length ? html`<p>Och ${errors.total - errors.items.length} fel till.</p>` : ''}
<p><a href="${paths.apply}">Till ansökningsformuläret</a></p>`;
        request.response = htmlResponse(problem.status, renderPage({ title: problem.title, lang: 'sv', body }), problem.extras.headers);
      } else {
        request.response = jsonResponse(
          problem.status,
          {
            type: problemTypeUri(problem.extras.type, publicBaseUrl()),
            title: problem.title,
            status: problem.status,
            detail: problem.detail,
            ...(errors && word ? { errors: word(errors.items, requestLocale(request.event)), errorCount: errors.total } : {}),
          },
          { 'content-type': 'application/problem+json; charset=utf-8', ...problem.extras.headers },
        );
      }
    },
  };
}
