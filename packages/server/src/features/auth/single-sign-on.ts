/**
 * Optional single sign-on through OpenID Connect, for councils with their own identity provider.
 * Configured by environment; off when ACCORD_OIDC_ISSUER is not set. Accounts are never created
 * from the identity provider: a manager invites the person, and their verified e-mail address
 * links the two.
 */
import { eq } from "drizzle-orm";
import * as oidc from "openid-client";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { recordAudit } from "../audit/record.js";
import { actorForUser } from "./actors.js";
import { startSession } from "./sessions.js";

export interface SingleSignOnSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends people back; defaults to this server's callback URL. */
  redirectUri: string | undefined;
  /** The button's words: "Sign in with Kent County Council". */
  label: string;
}

export function singleSignOnFromEnvironment(environment: NodeJS.ProcessEnv = process.env): SingleSignOnSettings | null {
  const issuer = environment.ACCORD_OIDC_ISSUER;
  if (!issuer) return null;
  const clientId = environment.ACCORD_OIDC_CLIENT_ID;
  const clientSecret = environment.ACCORD_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new Error("ACCORD_OIDC_ISSUER is set, so ACCORD_OIDC_CLIENT_ID and ACCORD_OIDC_CLIENT_SECRET must be set too");
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret,
    redirectUri: environment.ACCORD_OIDC_REDIRECT_URI,
    label: environment.ACCORD_OIDC_LABEL ?? "Sign in with your organisation's account",
  };
}

const flowCookie = "accord_oidc";
const isLoopback = (url: URL): boolean => url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

export function singleSignOnRoutes(db: Db, settings: SingleSignOnSettings): FastifyPluginAsyncZod {
  let configuration: Promise<oidc.Configuration> | undefined;
  // Discovered on first use, so a provider that is briefly down does not stop Accord starting.
  const configure = (): Promise<oidc.Configuration> =>
    (configuration ??= oidc
      .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, isLoopback(settings.issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      }));

  return async (app) => {
    const callbackUrl = (protocol: string, host: string): string => settings.redirectUri ?? `${protocol}://${host}/api/session/sso/callback`;

    app.get("/session/sso/start", { config: { access: "public" }, schema: { tags: ["session"], summary: "Start signing in through the organisation's identity provider" } }, async (request, reply) => {
      const config = await configure();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const redirectUri = callbackUrl(request.protocol, request.host);
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: "openid email profile",
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      // Lax, not Strict: the provider's redirect back is a cross-site navigation that must carry it.
      reply.setCookie(flowCookie, JSON.stringify({ codeVerifier, state, nonce, redirectUri }), {
        signed: true,
        httpOnly: true,
        sameSite: "lax",
        secure: request.protocol === "https",
        path: "/api/session/sso",
        maxAge: 600,
      });
      return reply.redirect(url.href);
    });

    app.get(
      "/session/sso/callback",
      { config: { access: "public" }, schema: { tags: ["session"], summary: "Where the identity provider sends people back", querystring: z.record(z.string(), z.string()) } },
      async (request, reply) => {
        const failed = (message: string) => reply.clearCookie(flowCookie, { path: "/api/session/sso" }).redirect(`/sign-in?error=${encodeURIComponent(message)}`);
        const raw = request.cookies[flowCookie];
        const unsigned = raw === undefined ? null : request.unsignCookie(raw);
        if (!unsigned?.valid || unsigned.value === null) return failed("The sign-in took too long or was started elsewhere. Please try again.");
        const flow = z.object({ codeVerifier: z.string(), state: z.string(), nonce: z.string(), redirectUri: z.string() }).safeParse(JSON.parse(unsigned.value));
        if (!flow.success) return failed("The sign-in could not be completed. Please try again.");
        let email: string | undefined;
        try {
          const config = await configure();
          const currentUrl = new URL(flow.data.redirectUri);
          currentUrl.search = new URLSearchParams(request.query).toString();
          const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
            pkceCodeVerifier: flow.data.codeVerifier,
            expectedState: flow.data.state,
            expectedNonce: flow.data.nonce,
          });
          const idToken = tokens.claims();
          // Many providers put the e-mail address only in the userinfo response, not the ID token.
          const claims = idToken && typeof idToken.email === "string" ? idToken : idToken ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub) : undefined;
          // An address the provider has not verified could belong to anyone.
          if (claims && typeof claims.email === "string" && claims.email_verified !== false) email = claims.email.toLowerCase();
        } catch (error) {
          request.log.warn({ err: error }, "single sign-on failed");
          return failed("Your organisation's sign-in did not succeed. Please try again.");
        }
        if (!email) return failed("Your organisation's sign-in did not give a verified e-mail address.");
        const [user] = await db.select().from(t.users).where(eq(t.users.email, email));
        if (!user || user.disabled) return failed(`There is no Accord account for ${email}. Ask your agreement manager to invite you.`);
        await startSession(db, reply, request.protocol === "https", user.id);
        const actor = await actorForUser(db, user.id);
        await recordAudit(db, { actor, action: "session.singleSignOn", entityType: "user", entityId: user.id, agreementId: null, before: null, after: { issuer: settings.issuer.origin } });
        reply.clearCookie(flowCookie, { path: "/api/session/sso" });
        // Signed in, people start on what awaits them.
        return reply.redirect("/my-work");
      },
    );
  };
}
