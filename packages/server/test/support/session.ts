/** Signing in through the real API, and sending requests as that person. */
import type { FastifyInstance } from "fastify";
import { demoPassword } from "../../src/features/auth/settings.js";

export interface Session {
  email: string;
  cookie: string;
  csrfToken: string;
}

export async function signIn(app: FastifyInstance, email: string, password: string = demoPassword): Promise<Session> {
  const response = await app.inject({ method: "POST", url: "/api/session", payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.headers["set-cookie"];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(";")[0];
  if (!cookie) throw new Error("no session cookie");
  return { email, cookie, csrfToken: response.json<{ csrfToken: string }>().csrfToken };
}

export interface Sent {
  status: number;
  body: unknown;
  json<T>(): T;
}

export async function send(
  app: FastifyInstance,
  session: Session | null,
  request: { method: string; url: string; body?: unknown },
  options: { csrf?: boolean } = {},
): Promise<Sent> {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (options.csrf !== false) headers["x-csrf-token"] = session.csrfToken;
  }
  const response = await app.inject({
    method: request.method as "GET",
    url: request.url,
    headers,
    ...(request.body !== undefined ? { payload: request.body as Record<string, unknown> } : {}),
  });
  const text = response.body;
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.statusCode, body, json: <T>() => body as T };
}
