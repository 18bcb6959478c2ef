/** An email as the templates produce it: both an HTML and a plain-text part. */
export interface EmailMessage {
  to: string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string[];
}

/** The port that use cases send mail through. */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}
