/**
 * What the server's log may say. Database errors carry the query's parameters (argon2 hashes,
 * token hashes, e-mail addresses, whatever was being written) in their message, `params` and
 * `detail`; requests carry cookies, Authorization headers and, in the single sign-on callback,
 * codes in the query string. The log keeps only what explains a failure: the error's kind,
 * its first line without parameters, the SQLSTATE and constraint, and the stack frames.
 */
import type { FastifyRequest } from "fastify";

export interface SafeError {
  [field: string]: unknown;
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  stack: string;
  cause?: SafeError;
}

/** The message up to where a query's parameters would start. */
function safeMessage(message: string): string {
  return message.split(/\r?\nparams:/)[0] ?? "";
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: "(not an Error)", stack: "" };
  const fields = error as Error & Record<string, unknown>;
  // Only the frames: the stack's first lines repeat the message, parameters included.
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const result: SafeError = { type: error.name, message: safeMessage(error.message), stack: frames.join("\n") };
  const code = text(fields.code);
  if (code) result.code = code;
  for (const key of ["constraint", "table", "column"] as const) {
    const value = text(fields[key]);
    if (value) result[key] = value;
  }
  if (error.cause !== undefined && depth < 3) result.cause = safeError(error.cause, depth + 1);
  return result;
}

/** Method, path without its query string, and the client's address — no headers. */
export function safeRequest(request: FastifyRequest): { method: string; url: string; remoteAddress: string } {
  return { method: request.method, url: (request.url ?? "").split("?")[0] ?? "", remoteAddress: request.ip };
}

/** Whatever else is logged by hand, these never appear. */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  "res.headers['set-cookie']",
  "*.password",
  "*.currentPassword",
  "*.newPassword",
  "*.passwordHash",
  "*.token",
  "*.tokenHash",
  "*.csrfToken",
];
