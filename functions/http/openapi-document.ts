import * as z from '../lib/zod.js';
import { createDocument, type ZodOpenApiResponseObject } from 'zod-openapi';
import { applicationSchema, unexpressibleRules } from '../domain/application.schema.js';
import { calendarDatePattern } from '../domain/calendar-date.js';
import { maxBodyBytes } from './request-body.js';
import { validationMessage } from '../templates/validation-messages.js';
import { paths } from './paths.js';
import {
  awaitingConfirmationSchema,
  certificateSchema,
  criteriaSchema,
  problemSchema,
  registerSchema,
  submissionReceiptSchema,
} from './api-contract.js';

/**
 * The OpenAPI 3.1 description of the public JSON API, generated with zod-openapi from the same zod
 * schemas that validate requests (application.schema.ts) and shape answers (api-contract.ts).
 */

export interface ApiDocumentOptions {
  publicBaseUrl: string;
  /** Where the JSON Schema of the application body is published (absolute). */
  applicationSchemaUrl: string;
  revisionOpensDaysBefore: number;
  revisionGraceMonths: number;
}

/** The application body, named so that generated clients get an Application type. Same schema, with an id. */
const namedApplicationSchema = applicationSchema.meta({
  id: 'Application',
  description: 'Ansökan om kvalitetsmärkning (QM): type "full" (ny ansökan) eller "revision" (revidering).',
});

const problemContent = { 'application/problem+json': { schema: problemSchema } };

function problem(description: string, extra: Partial<ZodOpenApiResponseObject> = {}): ZodOpenApiResponseObject {
  return { description, content: problemContent, ...extra };
}

const idempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .optional()
  .meta({
    description:
      'Valfri nyckel som klienten väljer (högst 255 tecken). Ett nytt försök med samma nyckel och samma innehåll inom 24 timmar ' +
      'ger samma svar igen och skapar ingen ny ansökan; samma nyckel med annat innehåll ger 422.',
    examples: ['exempelstad-2026-11-25-1'],
  });

export function apiDocument(options: ApiDocumentOptions): ReturnType<typeof createDocument> {
  const rules = unexpressibleRules({ ...options, messageFor: (code) => validationMessage({ code }, 'sv') });
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Kvalitetsmärkning (QM) – Svenska Stadskärnor',
      version: '1',
      description:
        'Det publika JSON-API:et för kvalitetsmärkningen: ansök, se registret, kriterierna och en enskild kvalitetsmärkning. ' +
        `Ansökans JSON Schema finns också fristående på ${options.applicationSchemaUrl}. Felsvar är application/problem+json (RFC 9457) på svenska; varje fel i errors har också en kod (code) att programmera mot, och dess meddelande kommer på engelska med Accept-Language: en eller ?lang=en.`,
    },
    servers: [{ url: options.publicBaseUrl }],
    paths: {
      [paths.applications]: {
        post: {
          operationId: 'submitApplication',
          summary: 'Skicka en ansökan (fullständig eller revidering)',
          description: ['Regler som JSON Schema inte kan uttrycka:', ...rules.map((rule) => `- ${rule}`)].join('\n'),
          requestParams: { header: z.object({ 'Idempotency-Key': idempotencyKey }) },
          requestBody: {
            required: true,
            description: `Ansökan som JSON (högst ${maxBodyBytes / 1_000_000} MB, UTF-8).`,
            content: { 'application/json': { schema: namedApplicationSchema } },
          },
          responses: {
            '201': {
              description: 'Ansökan är mottagen och granskningen har börjat. Kontaktpersonen får ett kvitto med en privat statuslänk.',
              headers: z.object({
                Location: z.url().meta({ description: 'Ansökans statussida (samma som statusUrl).' }),
                'Idempotent-Replayed': z.literal('true').optional().meta({ description: 'Satt när svaret är ett upprepat första svar.' }),
              }),
              content: { 'application/json': { schema: submissionReceiptSchema } },
            },
            '202': {
              description: 'Ansökan är sparad men väntar på att medlemmen bekräftar den (kontaktadressen är inte registrerad hos medlemmen).',
              content: { 'application/json': { schema: awaitingConfirmationSchema } },
            },
            '400': problem('Ansökan innehåller fel (problemtyp validation, med errors per fält), är inte giltig JSON (malformed-json) eller inte giltig UTF-8 (invalid-encoding).'),
            '403': problem('Organisationen är inte medlem (not-a-member), eller en revidering är inte möjlig nu (revision-not-open).'),
            '409': problem(
              'Organisationen har redan en pågående ansökan (application-in-progress), eller en begäran med samma Idempotency-Key behandlas just nu (request-in-progress; försök igen efter Retry-After).',
              { headers: z.object({ 'Retry-After': z.string().optional().meta({ description: 'Sekunder att vänta innan nästa försök.' }) }) },
            ),
            '413': problem(`Innehållet är större än ${maxBodyBytes / 1_000_000} MB (payload-too-large).`),
            '415': problem('Innehållstypen eller teckenkodningen stöds inte (unsupported-media-type). Skicka application/json i UTF-8.'),
            '422': problem('Idempotency-Key har redan använts för en annan ansökan (idempotency-key-reused).'),
          },
        },
      },
      [paths.api.register]: {
        get: {
          operationId: 'getRegister',
          summary: 'Kvalitetsmärkningar som gäller en viss dag',
          requestParams: {
            query: z.object({
              date: z.string().regex(calendarDatePattern).optional().meta({ description: 'ÅÅÅÅ-MM-DD; utan datum gäller dagens datum i Sverige.' }),
            }),
          },
          responses: {
            '200': { description: 'Registret den dagen.', content: { 'application/json': { schema: registerSchema } } },
            '400': problem('Datumet är inte ett giltigt ÅÅÅÅ-MM-DD (validation).'),
          },
        },
      },
      [paths.api.criteria]: {
        get: {
          operationId: 'getCriteria',
          summary: 'Kriterierna som en ansökan bedöms efter',
          responses: {
            '200': { description: 'Kriterierna, med de frågor som hör till vart och ett.', content: { 'application/json': { schema: criteriaSchema } } },
          },
        },
      },
      // An OpenAPI path template, like the route key; paths.certificateJson(id) builds the link.
      '/certificates/{id}.json': {
        get: {
          operationId: 'getCertificate',
          summary: 'En kvalitetsmärkning och om den gäller i dag',
          requestParams: { path: z.object({ id: z.string().meta({ description: 'Kvalitetsmärkningens nummer, t.ex. QM-2026-0001.' }) }) },
          responses: {
            '200': { description: 'Kvalitetsmärkningen.', content: { 'application/json': { schema: certificateSchema } } },
            '404': problem('Det finns ingen kvalitetsmärkning med det numret (not-found).'),
          },
        },
      },
    },
  });
}
