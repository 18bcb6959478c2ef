import * as z from '../lib/zod.js';
import { applicationTypes } from '../domain/application-type.js';
import { partnerRoles } from '../domain/partners.js';
import { calendarDatePattern } from '../domain/calendar-date.js';
import { maxListedErrors } from '../domain/error-list.js';
import { validationCodes } from '../domain/validation-error.js';
import type { RenderedValidationError } from '../templates/validation-messages.js';
import type { RegisterEntry } from '../templates/public-register.template.js';
import { certificateStatuses } from '../domain/certificate.js';
import type { CertificateFacts } from '../templates/certificate-verification.template.js';
import type { SubmissionReceipt } from '../use-cases/submit-application.use-case.js';

/**
 * The JSON answers of the public API as zod schemas, for the OpenAPI document (openapi-document.ts).
 * Each is tied to the type the code answers with by a compile-time check (`Same`), so that neither
 * can change without the other. Request bodies are in the domain (application.schema.ts).
 */

/** Compiles only when A and B are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const same = <A, B>(proof: Same<A, B>) => proof;

const calendarDate = z.string().regex(calendarDatePattern).meta({ description: 'Datum, ÅÅÅÅ-MM-DD.', format: 'date' });
const applicationId = z.string().meta({ description: 'Ansökans id.', examples: ['QM-A-20261125-K7N2'] });
const certificateId = z.string().meta({ description: 'Kvalitetsmärkningens nummer.', examples: ['QM-2026-0001'] });

export const submissionReceiptSchema = z
  .object({
    id: applicationId,
    status: z.literal('submitted'),
    type: z.enum(applicationTypes),
    submittedAt: z.iso.datetime().meta({ description: 'När ansökan togs emot (UTC).' }),
    organisationName: z.string(),
    statusUrl: z.url().meta({ description: 'Privat länk till ansökans statussida. Samma adress står i Location.' }),
  })
  .meta({ id: 'SubmissionReceipt', description: 'Kvitto på en mottagen ansökan. Ett nytt försök med samma Idempotency-Key ger samma kvitto.' });
same<z.output<typeof submissionReceiptSchema>, Extract<SubmissionReceipt, { status: 'submitted' }>>(true);

export const awaitingConfirmationSchema = z
  .object({
    id: applicationId,
    status: z.literal('awaiting_confirmation'),
    type: z.enum(applicationTypes),
    submittedAt: z.iso.datetime().meta({ description: 'När ansökan togs emot (UTC).' }),
    organisationName: z.string(),
  })
  .meta({
    id: 'AwaitingConfirmation',
    description:
      'Ansökan är sparad men väntar på att medlemmen bekräftar den, eftersom kontaktadressen inte är en av medlemmens ' +
      'registrerade adresser ("Väntar på bekräftelse från medlemmen"). Medlemmens registrerade adress får ett mejl med en ' +
      'länk; ingenting skickas till den angivna adressen förrän medlemmen har bekräftat.',
  });
same<z.output<typeof awaitingConfirmationSchema>, Extract<SubmissionReceipt, { status: 'awaiting_confirmation' }>>(true);

export const problemSchema = z
  .object({
    type: z.string().meta({
      description: 'Problemtypens URI: <bas-URL>/problems/<namn>, t.ex. …/problems/validation. "about:blank" för allmänna fel.',
      format: 'uri',
    }),
    title: z.string().meta({ description: 'Kort rubrik på svenska.' }),
    status: z.int().min(400).max(599),
    detail: z.string().meta({ description: 'Förklaring på svenska: vad som hände och vad du kan göra.' }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: 'Fältets sökväg, t.ex. contact.email.' }),
          message: z.string().meta({
            description: 'Felet i ord: på svenska, på engelska om Accept-Language eller ?lang=en ber om det. Orden kan ändras; koden står fast.',
          }),
          code: z.enum(validationCodes).meta({ description: 'Vad som är fel, som en kod att programmera mot, t.ex. too_long.' }),
          params: z
            .record(z.string(), z.union([z.string(), z.number()]))
            .optional()
            .meta({ description: 'Uppgifterna meddelandet bygger på, t.ex. { "max": 200 } för too_long.', examples: [{ max: 200 }] }),
        }),
      )
      .max(maxListedErrors)
      .optional()
      .meta({ description: `Felen per fält: högst de ${maxListedErrors} första.` }),
    errorCount: z.int().min(0).optional().meta({ description: 'Hur många fel det fanns totalt (errors listar högst de första).' }),
  })
  .meta({
    id: 'Problem',
    description: 'Ett felsvar enligt RFC 9457 (application/problem+json), på svenska; felen per fält har också en kod (code) och dess uppgifter (params).',
  });
same<NonNullable<z.output<typeof problemSchema>['errors']>[number], RenderedValidationError>(true);

const registerEntrySchema = z.object({
  certificateId,
  organisationName: z.string(),
  organisationNumber: z.string().meta({ description: 'NNNNNN-NNNN.' }),
  town: z.string(),
  validFrom: calendarDate,
  validUntil: calendarDate,
  partners: z
    .array(z.object({ role: z.enum(partnerRoles), organisation: z.string() }))
    .meta({ description: 'Samverkanspartnerna som bekräftade samverkan: roll och organisation (inga personnamn).' }),
});
same<z.output<typeof registerEntrySchema>, RegisterEntry>(true);

export const registerSchema = z
  .object({
    date: calendarDate.meta({ description: 'Dagen registret gäller.' }),
    certificates: z.array(registerEntrySchema).meta({ description: 'Kvalitetsmärkningar som gäller den dagen, sorterade efter ort.' }),
  })
  .meta({ id: 'Register', description: 'Det offentliga registret: vilka som har en giltig kvalitetsmärkning en viss dag.' });

export const criteriaSchema = z
  .array(
    z.object({
      id: z.string().meta({ description: 'Kriteriets id.' }),
      title: z.string().meta({ description: 'Kriteriets namn på svenska, t.ex. "Alla nyckelaktörer deltar".' }),
      questionIds: z.array(z.string()).meta({ description: 'Id:n för frågorna i ansökan som granskaren bedömer kriteriet utifrån.' }),
    }),
  )
  .meta({ id: 'Criteria', description: 'Kriterierna som granskaren bedömer (uppfyllt, delvis uppfyllt eller inte uppfyllt).' });


export const certificateSchema = z
  .object({
    certificateId,
    organisationName: z.string(),
    organisationNumber: z.string().meta({ description: 'NNNNNN-NNNN.' }),
    town: z.string(),
    validFrom: calendarDate,
    validUntil: calendarDate,
    status: z
      .enum(certificateStatuses)
      .meta({ description: 'I dag: giltig (valid), utgången (expired), återkallad (revoked), ersatt av en nyare kvalitetsmärkning (superseded) eller ännu inte giltig (not_yet_valid).' }),
  })
  .meta({ id: 'Certificate', description: 'En kvalitetsmärkning och om den gäller i dag.' });
same<z.output<typeof certificateSchema>, CertificateFacts>(true);
