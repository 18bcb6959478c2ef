import * as z from '../lib/zod.js';
import { absoluteUrl, paths } from '../http/paths.js';

/**
 * Who people can write to, and where the privacy notice is: printed in the footer of every page and
 * every mail. Read from the function's environment (PROGRAMME_CONTACT_EMAIL, PUBLIC_BASE_URL, which
 * every function gets from the stack) rather than passed down: every page and mail template would
 * otherwise need them threaded through. Handlers validate the same variables strictly at start
 * (runtime-config.ts); the fallbacks here only serve template tests, which run without them.
 */
export const defaultProgrammeContactEmail = 'qm-ansvarig@stadskarnor.example';

export interface SiteContact {
  /** The programme's contact address (stage setting `programmeContactEmail`). */
  email: string;
  /** The privacy notice, absolute when the public address is known (mails need that). */
  privacyUrl: string;
  /** The public register, absolute when the public address is known. */
  registerUrl: string;
}

const email = z.email();

export function siteContact(env: Record<string, string | undefined> = process.env): SiteContact {
  const configured = env.PROGRAMME_CONTACT_EMAIL?.trim();
  const base = (env.PUBLIC_BASE_URL ?? '').trim().replace(/\/+$/, '');
  return {
    email: configured && email.safeParse(configured).success ? configured : defaultProgrammeContactEmail,
    privacyUrl: absoluteUrl(base, paths.privacy),
    registerUrl: absoluteUrl(base, paths.register),
  };
}
