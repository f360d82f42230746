/** GET /api/my-work: where a signed-in person starts (see service.ts). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { MyWorkView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { apiErrors } from "../../http/route-schemas.js";
import { myWork } from "./service.js";

export function myWorkRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/my-work",
      {
        config: { access: "manageOwnAccount" },
        schema: { tags: ["session"], summary: "What each of your roles asks of you now, agreement by agreement", response: { 200: MyWorkView, ...apiErrors } },
      },
      async (request) => myWork(db, request.actor),
    );
  };
}
