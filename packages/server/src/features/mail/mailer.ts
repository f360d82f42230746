/** Sending one message through the configured SMTP server, answering accepted or why not. */
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import type { MailSettings } from "./settings.js";

export interface Message {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type SendResult = { accepted: true } | { accepted: false; reason: string };

export interface Mailer {
  settings: MailSettings;
  send(message: Message): Promise<SendResult>;
  close(): void;
}

export function createMailer(settings: MailSettings): Mailer {
  // A small pool: a bulletin goes to some hundreds of addresses, one message each.
  const options: SMTPPool.Options = { url: settings.smtpUrl, pool: true, maxConnections: 4 };
  const transport = nodemailer.createTransport(options);
  return {
    settings,
    async send(message) {
      try {
        const info = await transport.sendMail({ from: settings.from, ...message });
        if (info.rejected.length > 0) {
          const why = info.rejectedErrors?.map((error) => error.message).join("; ");
          return { accepted: false, reason: `refused by the mail server${why ? `: ${why}` : ""}` };
        }
        return { accepted: true };
      } catch (error) {
        // The server's own words ("550 mailbox unavailable"), never the settings or a password.
        const reason = error instanceof Error ? error.message : String(error);
        return { accepted: false, reason: reason.slice(0, 500) };
      }
    },
    close: () => transport.close(),
  };
}
