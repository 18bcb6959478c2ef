import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FormFields } from '../domain/application-form.js';
import { HttpProblem, problemTypes } from './http-problem.js';
import { parseRequestBody } from './request-body.js';

/** The fields of an HTML form post; anything but application/x-www-form-urlencoded gets 415. */
export function parseFormBody(event: APIGatewayProxyEventV2): FormFields {
  const body = event.body === undefined || event.body === '' ? ({ kind: 'form', fields: {} } as const) : parseRequestBody(event);
  if (body.kind !== 'form') {
    throw new HttpProblem(415, 'Innehållstypen stöds inte', 'Skicka formuläret som application/x-www-form-urlencoded.', {
      type: problemTypes.unsupportedMediaType,
      headers: { 'accept-post': 'application/x-www-form-urlencoded' },
    });
  }
  return body.fields;
}
