/** A file sent with an email (the certificate PDF). */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** An email as the templates produce it: both an HTML and a plain-text part, and any attachments. */
export interface EmailMessage {
  to: string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string[];
  attachments?: EmailAttachment[];
}

/** The port that use cases send mail through. */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}
