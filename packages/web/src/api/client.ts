/**
 * The one place the web app talks to the API. Every response is parsed with the shared zod
 * contract from @accord/domain, so a server that drifts from api.ts shows up as a clear error
 * naming the field, not as a page that quietly renders the wrong thing.
 */
import { ApiError } from "@accord/domain";
import type { z } from "zod";

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly path: string;

  constructor(options: { status: number; code: string; message: string; field?: string | undefined; path: string }) {
    super(options.message);
    this.name = "ApiRequestError";
    this.status = options.status;
    this.code = options.code;
    this.field = options.field;
    this.path = options.path;
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

/** Query-string from an object, leaving out empty values. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(name, value);
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(response)"}: ${issue.message}`)
    .join("; ");
}

export async function apiGet<Schema extends z.ZodType>(path: string, schema: Schema, signal?: AbortSignal): Promise<z.infer<Schema>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: "application/json" }, signal: signal ?? null });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiRequestError({ status: 0, code: "NETWORK", message: "Accord could not reach its server. Check your connection and try again.", path });
  }

  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsedError = ApiError.safeParse(body);
    if (parsedError.success) {
      const { code, message, field } = parsedError.data.error;
      throw new ApiRequestError({ status: response.status, code, message, field, path });
    }
    throw new ApiRequestError({ status: response.status, code: "HTTP_ERROR", message: `The server answered ${response.status} ${response.statusText}.`, path });
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`Response from ${path} does not match the contract`, parsed.error.issues);
    throw new ApiRequestError({
      status: response.status,
      code: "CONTRACT_MISMATCH",
      message: `The server's answer to ${path} was not in the expected shape (${describeIssues(parsed.error)}).`,
      path,
    });
  }
  return parsed.data;
}
