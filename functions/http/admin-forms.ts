import * as z from '../lib/zod.js';
import { isCalendarDate } from '../domain/calendar-date.js';
import type { AdminForm } from './admin-http.js';

// The workspace's form fields, shared by the actions and the member register's functions. Staff
// pages are Swedish only, so the messages are Swedish here.
export const text = (max: number, missing: string) => z.string({ error: missing }).trim().min(1, missing).max(max, `Högst ${max} tecken.`);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Högst ${max} tecken.`)
    .optional()
    .transform((v) => (v ? v : undefined));
export const reason = text(2000, 'Skriv ett skäl.');
export const futureDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((d) => isCalendarDate(d), message);
export const addressList = (max: number) =>
  z
    .string({ error: 'Skriv minst en e-postadress.' })
    .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
    .pipe(z.array(z.email('Ogiltig e-postadress.')).min(1, 'Skriv minst en e-postadress.').max(max, `Högst ${max} adresser.`));

export type Parsed<S extends z.ZodType> = { ok: true; value: z.infer<S> } | { ok: false; errors: string[] };

/**
 * The form's fields by the schema; the errors in Swedish. `word` words messages that are codes (the
 * organisation number's schema is the application's, which reports codes): only the form that has
 * such a field passes it, so the other actions' bundles carry no message tables.
 */
export function parse<S extends z.ZodType>(schema: S, form: AdminForm, word: (message: string) => string = (message) => message): Parsed<S> {
  const result = schema.safeParse(form.fields);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: result.error.issues.map((i) => word(i.message)) };
}

