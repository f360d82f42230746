/** Managing users: invite, grant and revoke roles (managers only, within their agreements). */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import { CreateUserBody, GrantBody, UserView } from "./schema.js";
import { createUser, getUser, grantRole, listUsers, revokeRole } from "./service.js";
import { apiErrors } from "../../http/route-schemas.js";
import { InvitationView, InvitedUserView } from "@accord/domain";
import type { Mailer } from "../mail/mailer.js";
import { resendInvitation, sendInvitation } from "../mail/invitation.js";
import { ResendBody } from "../mail/schema.js";

const UserParams = z.object({ userId: z.coerce.number({ error: "must be a user id" }).int().positive() });

function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  return actor;
}

export function userRoutes(db: Db, mailer: Mailer | null = null): FastifyPluginAsyncZod {
  return async (app) => {
    app.get("/users", { config: { access: "manageUsers" }, schema: { tags: ["users"], summary: "Users and their roles", response: { 200: z.object({ users: z.array(UserView) }), ...apiErrors } } }, async (request) => ({
      users: await listUsers(db, signedIn(request.actor)),
    }));

    app.post(
      "/users",
      {
        config: { access: "manageUsers" },
        schema: {
          tags: ["users"],
          summary: "Invite a user; answers with a one-time password to pass on (the invitation e-mail, when SMTP is set up, never carries it)",
          body: CreateUserBody,
          response: { 201: InvitedUserView, ...apiErrors },
        },
      },
      async (request, reply) => {
        const actor = signedIn(request.actor);
        const result = await createUser({ db, caller: actor, ...request.body });
        // The account is committed first: the e-mail never goes out for an account that was not made.
        const invitation = await sendInvitation({ db, mailer, invitee: result.user, invitedBy: actor });
        return reply.status(201).send({ ...result, invitation });
      },
    );

    app.get(
      "/users/:userId",
      { config: { access: "manageUsers" }, schema: { tags: ["users"], summary: "One user", params: UserParams, response: { 200: UserView, ...apiErrors } } },
      async (request) => {
        const actor = signedIn(request.actor);
        const visible = await listUsers(db, actor);
        const user = visible.find((candidate) => candidate.id === request.params.userId);
        if (!user) throw new AppError("NOT_FOUND", `User ${request.params.userId} was not found`, { field: "userId" });
        return user;
      },
    );

    app.post(
      "/users/:userId/invitation/resend",
      {
        config: { access: "manageUsers" },
        schema: { tags: ["users"], summary: "Send a failed invitation e-mail again", params: UserParams, body: ResendBody, response: { 200: InvitationView, ...apiErrors } },
      },
      async (request) => {
        const actor = signedIn(request.actor);
        const user = (await listUsers(db, actor)).find((candidate) => candidate.id === request.params.userId);
        if (!user) throw new AppError("NOT_FOUND", `User ${request.params.userId} was not found`, { field: "userId" });
        return resendInvitation({ db, mailer, invitee: user, invitedBy: actor });
      },
    );

    app.post(
      "/users/:userId/grants",
      { config: { access: "manageUsers" }, schema: { tags: ["users"], summary: "Grant a role", params: UserParams, body: GrantBody, response: { 201: UserView, ...apiErrors } } },
      async (request, reply) => {
        const user = await grantRole({ db, caller: signedIn(request.actor), userId: request.params.userId, grant: request.body });
        return reply.status(201).send(user);
      },
    );

    app.delete(
      "/users/:userId/grants/:grantId",
      {
        config: { access: "manageUsers" },
        schema: { tags: ["users"], summary: "Revoke a role", params: UserParams.extend({ grantId: z.coerce.number().int().positive() }), response: { 200: UserView, ...apiErrors } },
      },
      async (request) => revokeRole({ db, caller: signedIn(request.actor), userId: request.params.userId, grantId: request.params.grantId }),
    );
  };
}

export { getUser };
