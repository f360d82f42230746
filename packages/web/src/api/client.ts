/**
 * The one place the web app talks to the API. Every response is parsed with a zod contract
 * (@accord/domain's, or ./contracts for the account endpoints), so a server that drifts shows up
 * as a clear error naming the field, not as a page that quietly renders the wrong thing.
 *
 * Writes (every method but GET) carry the session's CSRF token in X-CSRF-Token: the server
 * refuses a cookie-authenticated write without it.
 */
import { ApiError } from "@accord/domain";
import { z } from "zod";

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** Every problem the server found, when it found several (a form with two bad fields). */
  readonly details: FieldProblem[];
  /** With a 409: the thing as it now stands, so the page can show what changed. */
  readonly current: unknown;
  readonly path: string;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    field?: string | undefined;
    details?: FieldProblem[] | undefined;
    current?: unknown;
    path: string;
  }) {
    super(options.message);
    this.name = "ApiRequestError";
    this.status = options.status;
    this.code = options.code;
    this.field = options.field;
    this.details = options.details ?? [];
    this.current = options.current;
    this.path = options.path;
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  get conflict(): boolean {
    return this.status === 409;
  }
}

/**
 * What a versioned write's 409 says: the thing as it now stands (read with its schema),
 * "unknown" when the server's copy cannot be read, or null when the error is not a conflict.
 */
export function staleVersion<T extends { version: number }>(error: unknown, schema: z.ZodType<T>): T | "unknown" | null {
  if (!(error instanceof ApiRequestError) || !error.conflict) return null;
  const current = schema.safeParse(error.current);
  return current.success ? current.data : "unknown";
}

/**
 * A versioned form's failed save when someone else saved first: what was typed stays, the form takes
 * the version now current (so saving again is a deliberate overwrite) and shows what it is now.
 * Returns false for any other failure, which the form reports as problems.
 */
export function keepTypedOnStale<T extends { version: number }>(
  error: unknown,
  schema: z.ZodType<T>,
  form: { setConflict(conflict: NoInfer<T> | "unknown" | null): void; setVersion(version: number): void; setProblems(problems: null): void },
): boolean {
  const stale = staleVersion(error, schema);
  form.setConflict(stale);
  if (stale === null) return false;
  if (stale !== "unknown") form.setVersion(stale.version);
  form.setProblems(null);
  return true;
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

const networkMessage = "Accord could not reach its server. Check your connection and try again.";

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiRequestError({ status: 0, code: "NETWORK", message: networkMessage, path });
  }
}

async function failure(response: Response, path: string): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsedError = ApiError.safeParse(body);
  if (parsedError.success) {
    const { code, message, field, details } = parsedError.data.error;
    return new ApiRequestError({ status: response.status, code, message, field, details, current: parsedError.data.current, path });
  }
  return new ApiRequestError({ status: response.status, code: "HTTP_ERROR", message: `The server answered ${response.status} ${response.statusText}.`, path });
}

function parse<Schema extends z.ZodType>(body: unknown, schema: Schema, status: number, path: string): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`Response from ${path} does not match the contract`, parsed.error.issues);
    throw new ApiRequestError({
      status,
      code: "CONTRACT_MISMATCH",
      message: `The server's answer to ${path} was not in the expected shape (${describeIssues(parsed.error)}).`,
      path,
    });
  }
  return parsed.data;
}

export async function apiGet<Schema extends z.ZodType>(path: string, schema: Schema, signal?: AbortSignal): Promise<z.infer<Schema>> {
  const response = await send(path, { headers: { accept: "application/json" }, signal: signal ?? null });
  if (!response.ok) throw await failure(response, path);
  const body: unknown = await response.json().catch((error: unknown) => {
    // A read given up half-way (the page moved on, the person signed out) is not a broken answer.
    if (signal?.aborted) throw error;
    return undefined;
  });
  return parse(body, schema, response.status, path);
}

// ---------- the CSRF token of the signed-in session ----------

let csrfToken: string | null = null;

/** Called whenever the session is read or changes (sign in, sign out). */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SessionToken = z.object({ csrfToken: z.string().nullable() });

async function freshCsrfToken(): Promise<string | null> {
  const session = await apiGet("/api/session", SessionToken);
  csrfToken = session.csrfToken;
  return csrfToken;
}

export type WriteMethod = "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A write. The answer is parsed with `schema`; pass null for 204 No Content. When the server
 * says the CSRF token is wrong (the person signed in again in another tab), the token is read
 * afresh and the write tried once more.
 */
export async function apiSend<Schema extends z.ZodType>(method: WriteMethod, path: string, body: unknown, schema: Schema): Promise<z.infer<Schema>>;
export async function apiSend(method: WriteMethod, path: string, body: unknown, schema: null): Promise<void>;
export async function apiSend(method: WriteMethod, path: string, body: unknown, schema: z.ZodType | null): Promise<unknown> {
  const attempt = async (token: string | null) => {
    const headers: Record<string, string> = { accept: "application/json" };
    if (token) headers["x-csrf-token"] = token;
    if (body !== undefined) headers["content-type"] = "application/json";
    return send(path, { method, headers, body: body === undefined ? null : JSON.stringify(body), credentials: "same-origin" });
  };

  let response = await attempt(csrfToken ?? (await freshCsrfToken()));
  if (response.status === 403) {
    const error = await failure(response, path);
    if (error.field !== "X-CSRF-Token") throw error;
    response = await attempt(await freshCsrfToken());
  }
  if (!response.ok) throw await failure(response, path);
  if (schema === null || response.status === 204) return undefined;
  const answer: unknown = await response.json().catch(() => undefined);
  return parse(answer, schema, response.status, path);
}

/** "/api/agreements/kent-ka2/indicators/ni-47" from its parts, each encoded. */
export function apiPath(...parts: (string | number)[]): string {
  return `/api/${parts.map((part) => encodeURIComponent(String(part))).join("/")}`;
}
