import { randomBytes } from 'node:crypto';
import { stockholmDate } from './calendar-date.js';

// Crockford base32 without I, L, O, U: easy to read aloud and type from a phone.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 32];
  return out;
}

/**
 * Application id, e.g. `A-20261125-7KQ3ZP`: the submission date (in Sweden) makes it sortable and readable in
 * support calls; 32^6 codes a day make collisions unlikely, and the conditional write refuses them.
 * It is also the name of the application's workflow execution, so it uses only [A-Z0-9-].
 */
export function newApplicationId(now: Date): string {
  const day = stockholmDate(now).replaceAll('-', '');
  return `A-${day}-${randomCode(6)}`;
}
