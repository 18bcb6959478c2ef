import { hashToken, newSecretToken } from '../domain/secret-token.js';
import type { ApplicationStore } from './ports.js';
import { absoluteUrl, paths } from '../http/paths.js';

/** Mints a private status-page link for an application; only its hash is stored. */
export async function newStatusLink(deps: { applications: ApplicationStore; publicBaseUrl: string }, applicationId: string): Promise<string> {
  const token = newSecretToken();
  await deps.applications.putStatusLink(hashToken(token), applicationId);
  return absoluteUrl(deps.publicBaseUrl, paths.status(token));
}

/** A status link minted to be stored by the caller (in a transaction of its own): the URL and the hash to store. */
export function mintStatusLink(publicBaseUrl: string): { url: string; tokenHash: string } {
  const token = newSecretToken();
  return { url: absoluteUrl(publicBaseUrl, paths.status(token)), tokenHash: hashToken(token) };
}
