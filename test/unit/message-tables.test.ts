import { describe, expect, it } from 'vitest';
import { assessmentLabels, statusLabels } from '../../functions/templates/labels.js';
import { locales } from '../../functions/domain/locale.js';
import { partnerRoleLabels } from '../../functions/domain/partners.js';
import { acknowledgementText, againText } from '../../functions/templates/acknowledgement.template.js';
import { applicantText as adminApplicantText } from '../../functions/templates/admin-emails.template.js';
import { badgeText } from '../../functions/templates/certificate-badge.template.js';
import { texts as certificateVerificationText } from '../../functions/templates/certificate-verification.template.js';
import { emailFrame } from '../../functions/templates/email-layout.template.js';
import { historyMessages } from '../../functions/templates/history-messages.js';
import { footerText } from '../../functions/templates/layout.template.js';
import { uiMessages } from '../../functions/templates/messages.js';
import { validationMessages } from '../../functions/templates/validation-messages.js';
import { renewalText } from '../../functions/templates/renewal-reminder.template.js';
import { applicantText as reviewApplicantText } from '../../functions/templates/review-emails.template.js';
import { selfEvaluationText } from '../../functions/templates/self-evaluation.template.js';
import { statusText } from '../../functions/templates/status-page.template.js';
import { text as submissionReceiptText } from '../../functions/templates/submission-receipt.template.js';
import { dateFormats } from '../../functions/templates/swedish-dates.js';
import { completionText } from '../../functions/templates/completion-page.template.js';

/**
 * Every table of words kept per locale (`{ sv: …, en: … }`). A key in one locale and not the other
 * is a page or a mail that shows nothing, or the other language, in that place; TypeScript only
 * catches it for tables typed `Record<Locale, typeof sv>`, and not for optional keys. Add a new
 * table here, one line. (Not listed: tables keyed the other way round, `Record<Status, { sv; en }>`
 * where each entry's type already names both locales; and the question and
 * criteria catalogues, whose schemas require both texts.)
 */
const tables: Record<string, Record<string, unknown>> = {
  uiMessages,
  historyMessages,
  completionText,
  validationMessages,
  statusText,
  footerText,
  emailFrame,
  acknowledgementText,
  againText,
  submissionReceiptText,
  reviewApplicantText,
  adminApplicantText,
  renewalText,
  badgeText,
  certificateVerificationText,
  selfEvaluationText,
  dateFormats,
  partnerRoleLabels,
  assessmentLabels,
  statusLabels,
};

/** A branch to walk into: a plain object or an array (functions, strings and escaped HTML are leaves). */
function isBranch(value: unknown): value is Record<string, unknown> {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The paths ("a.b.c") present in one side and missing in the other, recursively. */
function keyDifferences(left: unknown, right: unknown, path = ''): string[] {
  if (!isBranch(left) || !isBranch(right)) return isBranch(left) === isBranch(right) ? [] : [`${path || '(root)'}: a group of keys in one locale, a single text in the other`];
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].flatMap((key) => {
    const at = path ? `${path}.${key}` : key;
    if (!(key in left)) return [`${at}: missing in the first locale`];
    if (!(key in right)) return [`${at}: missing in the second locale`];
    return keyDifferences(left[key], right[key], at);
  });
}

describe('the per-locale message tables', () => {
  it.each(Object.entries(tables))('%s has the same keys in every locale, at every depth', (_name, table) => {
    // Prepare
    const [first, ...others] = locales;

    // Act
    const differences = others.flatMap((locale) => keyDifferences(table[first], table[locale]).map((d) => `${first}/${locale} ${d}`));

    // Assess
    expect(Object.keys(table).sort()).toEqual([...locales].sort());
    expect(differences).toEqual([]);
  });

  it('the check finds a key missing in one locale, however deep', () => {
    // Prepare
    const sv = { a: 'A', nested: { b: 'B', c: ['x', 'y'] }, f: () => 'f' };
    const en = { a: 'A', nested: { c: ['x'] }, f: () => 'f', extra: 'E' };

    // Act
    const differences = keyDifferences(sv, en);

    // Assess
    expect(differences).toEqual(['nested.b: missing in the second locale', 'nested.c.1: missing in the second locale', 'extra: missing in the first locale']);
  });
});
