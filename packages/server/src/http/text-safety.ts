/**
 * Text that PostgreSQL cannot store is refused at the edge, naming the field: a NUL character
 * (PostgreSQL text may not contain one) or a lone surrogate (half of a UTF-16 pair, which is
 * not text at all and cannot be encoded as UTF-8). Without this they reached the database and
 * came back as a 500.
 */
import type { FastifyInstance } from "fastify";
import { AppError } from "../errors.js";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemWith(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000), which cannot be stored";
  if (loneSurrogate.test(text)) return "contains a lone surrogate (half of a UTF-16 character pair), which is not valid text";
  return null;
}

/** The first string (or object key) in the value that cannot be stored, with its dotted path. */
export function findUnstorableText(value: unknown, path: string[] = []): { field: string; reason: string } | null {
  const here = (extra: string[] = []) => [...path, ...extra].join(".");
  if (typeof value === "string") {
    const reason = problemWith(value);
    return reason ? { field: here(), reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = problemWith(key);
      if (keyReason) return { field: here([JSON.stringify(key).slice(1, -1)]), reason: `is a field name that ${keyReason}` };
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export function registerTextSafety(app: FastifyInstance): void {
  // preValidation: after the sign-in and access checks (onRequest), before the schemas look at it.
  app.addHook("preValidation", async (request) => {
    const parts = { params: request.params, querystring: request.query, body: request.body } as const;
    for (const [where, value] of Object.entries(parts)) {
      const found = findUnstorableText(value);
      if (found) {
        const field = found.field || where;
        throw new AppError("BAD_REQUEST", `${field} (${where}) ${found.reason}`, { field });
      }
    }
  });
}
