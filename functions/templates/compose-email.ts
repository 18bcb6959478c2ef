import type { Locale } from '../domain/locale.js';
import type { EmailAttachment, EmailMessage } from '../domain/email-message.js';
import { singleLineText } from '../domain/text-rules.js';
import { emailButton, emailFooterLines, emailFrame, renderEmailHtml } from './email-layout.template.js';
import { html } from './layout.template.js';

export interface EmailContent {
  to: string[];
  subject: string;
  heading: string;
  greeting?: string;
  paragraphs: string[];
  /** Label/value rows shown as a small table (e.g. certificate details). */
  facts?: [string, string][];
  /** A quoted text from a person (the reviewer's comment). */
  quote?: { by: string; text: string };
  /** A headed list after the facts (e.g. the assessment by criterion). */
  list?: { heading: string; items: string[] };
  action?: { href: string; label: string; note?: string };
  /** Further links, each on its own line (e.g. the certificate's PDF and its verification page). */
  links?: { label: string; href: string }[];
  attachments?: EmailAttachment[];
  /** The language of the mail (`<html lang>`, sender line and footer); Swedish unless 'en'. */
  locale?: Locale;
}

/** Builds the HTML and plain-text parts from the same content, so they never drift apart. */
export function composeEmail(content: EmailContent): EmailMessage {
  const locale = content.locale ?? 'sv';
  // Subjects carry names people typed: one clean line, whatever reached the template.
  const subject = singleLineText(content.subject);
  const body = html`
<h1 style="font-size:22px;margin:0 0 16px;">${content.heading}</h1>
${content.greeting ? html`<p>${content.greeting}</p>` : ''}
${content.paragraphs.map((p) => html`<p>${p}</p>`)}
${content.facts?.length
    ? html`<table style="border-collapse:collapse;margin:16px 0;">${content.facts.map(
        ([label, value]) => html`<tr><th style="text-align:left;padding:4px 16px 4px 0;vertical-align:top;">${label}</th><td style="padding:4px 0;">${value}</td></tr>`,
      )}</table>`
    : ''}
${content.list?.items.length ? html`<p style="margin:16px 0 4px;font-weight:bold;">${content.list.heading}</p><ul>${content.list.items.map((item) => html`<li>${item}</li>`)}</ul>` : ''}
${content.quote ? html`<p style="margin:16px 0 4px;font-weight:bold;">${content.quote.by}:</p><blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #00594f;background:#f4f4f2;white-space:pre-wrap;">${content.quote.text}</blockquote>` : ''}
${content.links?.length ? html`<ul style="margin:16px 0;padding-left:20px;">${content.links.map((l) => html`<li style="margin:4px 0;"><a href="${l.href}" style="color:#00594f;">${l.label}</a></li>`)}</ul>` : ''}
${content.action ? emailButton(content.action.href, content.action.label) : ''}
${content.action?.note ? html`<p style="font-size:14px;color:#555;">${content.action.note}</p>` : ''}`;

  const text = [
    content.heading,
    '',
    ...(content.greeting ? [content.greeting, ''] : []),
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.facts?.length ? [...content.facts.map(([l, v]) => `${l}: ${v}`), ''] : []),
    ...(content.list?.items.length ? [content.list.heading, ...content.list.items.map((item) => `- ${item}`), ''] : []),
    ...(content.quote ? [`${content.quote.by}:`, ...content.quote.text.split('\n').map((l) => `> ${l}`), ''] : []),
    ...(content.links?.length ? [...content.links.map((l) => `${l.label}: ${l.href}`), ''] : []),
    ...(content.action ? [`${content.action.label}: ${content.action.href}`, ''] : []),
    ...(content.action?.note ? [content.action.note, ''] : []),
    '--',
    emailFrame[locale].sender,
    ...emailFooterLines(locale),
  ].join('\n');

  return {
    to: content.to,
    subject,
    html: renderEmailHtml(subject, body, locale),
    text,
    ...(content.attachments?.length ? { attachments: content.attachments } : {}),
  };
}
