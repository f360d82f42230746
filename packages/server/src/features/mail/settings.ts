/**
 * Where Accord's e-mail goes: an SMTP server, a sender and the public address for links, all
 * from the environment (ACCORD_SMTP_URL may carry a password; it never lives in the repository).
 */
export interface MailSettings {
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. */
  smtpUrl: string;
  /** The From line: "Kent Partnership <bulletins@kent.example>". */
  from: string;
  /** Where people open Accord, for links in messages: https://accord.kent.example. */
  publicUrl: string;
}

export function mailSettingsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): MailSettings | null {
  const smtpUrl = environment.ACCORD_SMTP_URL?.trim();
  if (!smtpUrl) return null;
  const from = environment.ACCORD_MAIL_FROM?.trim();
  const publicUrl = environment.ACCORD_PUBLIC_URL?.trim();
  if (!from || !publicUrl) throw new Error("ACCORD_SMTP_URL is set, so ACCORD_MAIL_FROM and ACCORD_PUBLIC_URL must be set too");
  let parsed: URL;
  try {
    parsed = new URL(smtpUrl);
  } catch {
    throw new Error("ACCORD_SMTP_URL must be a URL such as smtp://user:password@mail.example.org:587");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") throw new Error("ACCORD_SMTP_URL must start smtp:// or smtps://");
  let link: URL;
  try {
    link = new URL(publicUrl);
  } catch {
    throw new Error("ACCORD_PUBLIC_URL must be a URL such as https://accord.kent.example");
  }
  if (link.protocol !== "https:" && link.protocol !== "http:") throw new Error("ACCORD_PUBLIC_URL must start https:// or http://");
  return { smtpUrl, from, publicUrl: link.toString().replace(/\/$/, "") };
}
