/** Every error leaves as JSON {error: {code, message, field}} — never a stack trace or SQL. */
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "../errors.js";

interface ValidationItem {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldOf(item: ValidationItem): string | undefined {
  const path = (item.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
  if (path) return path;
  const missing = item.params?.missingProperty ?? item.params?.issue;
  return typeof missing === "string" ? missing : undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.httpStatus).send({
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.details.length ? { details: error.details } : {}) },
        // A 409 carries the current state, so the client can show what changed.
        ...("current" in error ? { current: error.current } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error) || (error as FastifyError).validation) {
      const items = ((error as FastifyError).validation ?? []) as ValidationItem[];
      const first = items[0];
      const where = (error as FastifyError).validationContext ?? "request";
      // A body that is not an object at all is the body's fault as a whole.
      const field = (first ? fieldOf(first) : undefined) ?? where;
      const message = first?.message ?? "is not valid";
      return reply.status(400).send({
        error: {
          code: "BAD_REQUEST",
          message: field ? `${field} (${where}) ${message}` : `The ${where} is not valid: ${message}`,
          ...(field ? { field } : {}),
          details: items.map((item) => ({ field: fieldOf(item) ?? where, message: item.message ?? "is not valid" })),
        },
      });
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: (error as FastifyError).code ?? "BAD_REQUEST", message: error.message } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: "INTERNAL", message: "Something went wrong on the server; it has been logged." } });
  });
}
