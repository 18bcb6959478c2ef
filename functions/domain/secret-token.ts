import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets in links (status pages, reviewer decisions, revision forms). 256 bits from the CSPRNG,
 * URL-safe base64 without padding. Only the SHA-256 hash is stored, so a leaked table does not leak
 * working links. Links are stored under the hash, so looking one up by the hash of the presented
 * token is the whole check.
 */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export const secretTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedToken(token: string): boolean {
  return secretTokenPattern.test(token);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
