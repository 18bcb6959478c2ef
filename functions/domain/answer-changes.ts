/**
 * What changed between two versions of an application's content (a completion): one entry per
 * changed field, with its value before and after. Pure.
 */
export interface ContentVersion {
  organisation: Record<string, unknown> | object;
  contact: Record<string, unknown> | object;
  answers: Record<string, unknown>;
  partners?: unknown;
}

export interface AnswerChange {
  /** `answers.<questionId>`, `organisation.<field>`, `contact.<field>` or `partners`. */
  path: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function fieldChanges(prefix: string, before: Record<string, unknown>, after: Record<string, unknown>): AnswerChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => !same(before[k], after[k])).map((k) => ({ path: `${prefix}.${k}`, before: before[k], after: after[k] }));
}

export function contentChanges(before: ContentVersion, after: ContentVersion): AnswerChange[] {
  return [
    ...fieldChanges('organisation', before.organisation as Record<string, unknown>, after.organisation as Record<string, unknown>),
    ...fieldChanges('contact', before.contact as Record<string, unknown>, after.contact as Record<string, unknown>),
    ...(same(before.partners, after.partners) ? [] : [{ path: 'partners', before: before.partners, after: after.partners }]),
    ...fieldChanges('answers', before.answers, after.answers),
  ];
}
