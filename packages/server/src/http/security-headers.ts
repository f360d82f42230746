/** Security headers on every response (a CSP without inline scripts; no framing). */
import type { FastifyInstance } from "fastify";

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("Referrer-Policy", "strict-origin-when-cross-origin");
    reply.header("X-Frame-Options", "DENY");
    // The self-contained printable documents set their own; everything else, the API
    // documentation included, gets ours.
    if (reply.getHeader("Content-Security-Policy") === undefined) {
      reply.header("Content-Security-Policy", contentSecurityPolicy);
    }
    return payload;
  });
}

/** For a complete printable document with its own inline styles: no scripts, nothing fetched, no framing. */
export const documentContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";
