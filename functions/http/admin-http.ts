import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { adminDependencies, type AdminDependencies } from '../adapters/admin-dependencies.js';
import { sessionIdFromCookies } from '../domain/staff-session.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderAdminMessage, type StaffFrame } from '../templates/admin-layout.template.js';
import type { SignedInStaff } from '../use-cases/staff-sign-in.use-case.js';
import { csrfMatches } from '../domain/staff-session.js';
import { htmlResponse, jsonResponse, redirectResponse, type HttpResult } from './responses.js';
import { paths } from './paths.js';

/** How every /admin request is let in: a valid session, or nothing but the way to sign in. */

export function wantsJson(event: APIGatewayProxyEventV2): boolean {
  return (event.headers.accept ?? '').includes('application/json');
}

/** Signed out: browsers go to the sign-in page, API clients get 401. */
export function signedOutAnswer(event: APIGatewayProxyEventV2): HttpResult {
  if (wantsJson(event)) {
    return jsonResponse(401, { type: 'about:blank', title: 'Inte inloggad', status: 401, detail: `Logga in på ${paths.admin.signIn}.` }, { 'content-type': 'application/problem+json; charset=utf-8' });
  }
  return redirectResponse(paths.admin.signIn);
}

export async function identifyStaff(event: APIGatewayProxyEventV2, deps: AdminDependencies): Promise<SignedInStaff | undefined> {
  return deps.sessions.identify(sessionIdFromCookies(event.cookies, deps.secureCookies));
}

export interface UploadedFile {
  field: string;
  fileName: string;
  content: Buffer;
}

export interface AdminForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

const maxFormBytes = 5_000_000;
const maxFormFields = 20;
const maxFormFiles = 1;

function bodyBytes(event: APIGatewayProxyEventV2): Buffer {
  const raw = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
}

/** Reads a form post: urlencoded, or multipart (the CSV upload). Repeated fields keep the first value. */
export async function readAdminForm(event: APIGatewayProxyEventV2): Promise<AdminForm | undefined> {
  const bytes = bodyBytes(event);
  if (bytes.length > maxFormBytes) return undefined;
  const contentType = event.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') {
    const fields: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(bytes.toString('utf8'))) fields[name] ??= value;
    return { fields, files: [] };
  }
  if (mediaType === 'multipart/form-data') return readMultipart(contentType, bytes);
  return undefined;
}

/**
 * A multipart post (the member register's CSV upload), parsed by the platform (the Fetch API's
 * `formData()`, built into Node) rather than a library bundled with every admin function. As before:
 * the first 20 fields and the first file count, the rest is ignored; the body's size is checked above.
 */
async function readMultipart(contentType: string, bytes: Buffer): Promise<AdminForm | undefined> {
  let data: FormData;
  try {
    data = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return undefined;
  }
  const form: AdminForm = { fields: {}, files: [] };
  let fields = 0;
  for (const [name, value] of data) {
    if (typeof value === 'string') {
      if (fields++ < maxFormFields) form.fields[name] ??= value;
    } else if (form.files.length < maxFormFiles) {
      form.files.push({ field: name, fileName: value.name || 'fil.csv', content: Buffer.from(await value.arrayBuffer()) });
    }
  }
  return form;
}

export function frameOf(staff: SignedInStaff): StaffFrame {
  return { email: staff.email, csrfToken: staff.csrfToken };
}

/** A staff page (GET): signed-out requests never reach `fn`. */
export function staffPage(fn: (event: APIGatewayProxyEventV2, staff: SignedInStaff, deps: AdminDependencies) => Promise<HttpResult>): Route {
  return async (event) => {
    const deps = adminDependencies();
    const staff = await identifyStaff(event, deps);
    if (!staff) return signedOutAnswer(event);
    return fn(event, staff, deps);
  };
}

/**
 * A state-changing staff form (POST): signed-out requests are sent to sign in, and a missing or
 * wrong `csrf` field (bound to the session) is refused with 403 before anything is read or written.
 */
export function staffAction(fn: (event: APIGatewayProxyEventV2, staff: SignedInStaff, form: AdminForm, deps: AdminDependencies) => Promise<HttpResult>): Route {
  return async (event) => {
    const deps = adminDependencies();
    const staff = await identifyStaff(event, deps);
    if (!staff) return signedOutAnswer(event);
    const form = await readAdminForm(event);
    if (!form || !csrfMatches(staff.credential, form.fields.csrf)) {
      return htmlResponse(
        403,
        renderAdminMessage(frameOf(staff), 'Formuläret kunde inte tas emot', 'Formuläret saknade en giltig säkerhetskod, så ingenting ändrades. Gå tillbaka, ladda om sidan och försök igen.', { href: paths.admin.home, label: 'Till översikten' }),
      );
    }
    return fn(event, staff, form, deps);
  };
}

export type Route = (event: APIGatewayProxyEventV2) => Promise<HttpResult>;

/**
 * One Lambda serves several routes of the workspace (grouped by what they may touch); the route
 * key API Gateway matched picks the function. Staff pages are never cached (no-store, as every answer here).
 */
export function routedHandler(routes: Record<string, Route>) {
  return httpHandler(async (event) => {
    const route = routes[event.routeKey];
    if (!route) return jsonResponse(404, { message: 'Not Found' });
    return route(event);
  });
}
