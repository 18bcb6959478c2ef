import type { Locale } from '../domain/locale.js';
import { siteContact } from '../config/site-contact.js';
import { html, type HtmlSafeString } from './layout.template.js';

/** The fixed lines around every email, in both parts (HTML and plain text). */
export const emailFrame: Record<Locale, { sender: string; footer: string; contact: string; privacy: string }> = {
  sv: {
    sender: 'Svenska Stadskärnor · Kvalitetsmärkning (QM)',
    footer: 'Detta meddelande skickades automatiskt. Länken i mejlet är personlig – dela den inte.',
    contact: 'Frågor? Skriv till',
    privacy: 'Så behandlar vi personuppgifter:',
  },
  en: {
    sender: 'Svenska Stadskärnor · Quality Mark (QM)',
    footer: 'This message was sent automatically. The link in this email is personal – do not share it.',
    contact: 'Questions? Write to',
    privacy: 'How we handle personal data:',
  },
};

/** The last lines of every mail's text part: who to write to and the privacy notice. */
export function emailFooterLines(locale: Locale): string[] {
  const frame = emailFrame[locale];
  const contact = siteContact();
  return [frame.footer, `${frame.contact} ${contact.email}`, `${frame.privacy} ${contact.privacyUrl}`];
}

/** A plain, robust HTML email body (inline styles only: mail clients ignore style sheets). */
export function renderEmailHtml(title: string, body: HtmlSafeString, locale: Locale = 'sv'): string {
  const frame = emailFrame[locale];
  const contact = siteContact();
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f4f4f2;">
<div style="max-width:36rem;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;background:#ffffff;">
<p style="margin:0 0 16px;font-size:14px;color:#555;">${frame.sender}</p>
${body}
<p style="margin:24px 0 0;font-size:13px;color:#555;">${frame.footer}</p>
<p style="margin:8px 0 0;font-size:13px;color:#555;">${frame.contact} <a href="mailto:${contact.email}" style="color:#00594f;">${contact.email}</a>. ${frame.privacy} <a href="${contact.privacyUrl}" style="color:#00594f;">${contact.privacyUrl}</a></p>
</div>
</body>
</html>`.toString();
}

/** A call-to-action link styled as a button, with the address also written out for plain readers. */
export function emailButton(href: string, label: string): HtmlSafeString {
  return html`<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;padding:12px 20px;background:#00594f;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;">${label}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555;word-break:break-all;">${href}</p>`;
}
