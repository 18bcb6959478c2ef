import * as escapeHtmlTemplateTag from 'escape-html-template-tag';
import type { HtmlSafeString } from 'escape-html-template-tag';

export type { HtmlSafeString };

/**
 * The `html` tag of escape-html-template-tag for the runner's own pages (the mailbox). The
 * package's type declarations are CommonJS-flavoured, so under NodeNext TypeScript takes its
 * default import for the whole module while ESM gives the function at run time: resolved here once.
 */
type HtmlTag = (parts: TemplateStringsArray, ...subs: unknown[]) => HtmlSafeString;
const tagModule = escapeHtmlTemplateTag as unknown as { default: HtmlTag | { default: HtmlTag } };
export const html: HtmlTag = typeof tagModule.default === 'function' ? tagModule.default : tagModule.default.default;
/** Marks trusted markup (constants only) as safe. */
export const safe: (value: unknown) => HtmlSafeString = escapeHtmlTemplateTag.safe;
export const join: (items: (string | HtmlSafeString)[], separator: string | HtmlSafeString) => HtmlSafeString = escapeHtmlTemplateTag.join;
