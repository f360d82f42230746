/** The Performance Reward Grant: read an agreement's reward page, change its assumptions and reward targets. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AgreementParams, IndicatorParams, apiErrors } from "../../http/route-schemas.js";
import {
  RewardAssumptionsBody,
  RewardAssumptionsView,
  RewardPageView,
  RewardTargetBody,
  RewardTargetView,
  RewardWhatIfView,
} from "./schema.js";
import { readRewardPage, readRewardWhatIf, setRewardTarget, updateRewardAssumptions } from "./service.js";

export function rewardRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/reward",
      {
        config: { access: "read" },
        schema: {
          tags: ["reward grant"],
          summary: "The Performance Reward Grant: each reward target's payment from the latest value, and the whole-agreement estimate with its working",
          params: AgreementParams,
          response: { 200: RewardPageView, ...apiErrors },
        },
      },
      async (request) => readRewardPage({ db, actor: request.actor, slug: request.params.slug }),
    );

    app.put(
      "/agreements/:slug/reward/assumptions",
      {
        config: { access: "update" },
        schema: {
          tags: ["reward grant"],
          summary: "Change the estimate's assumptions (manager; send the version you read, 0 when none are recorded)",
          params: AgreementParams,
          body: RewardAssumptionsBody,
          response: { 200: RewardAssumptionsView, ...apiErrors },
        },
      },
      async (request) => updateRewardAssumptions({ db, actor: request.actor, slug: request.params.slug, body: request.body }),
    );

    app.put(
      "/agreements/:slug/reward/targets/:key",
      {
        config: { access: "update" },
        schema: {
          tags: ["reward grant"],
          summary: "Add (version 0) or change (the version you read) an indicator's reward target: pot, performance expected without the stretch, stretch target, pro rata (manager)",
          params: IndicatorParams,
          body: RewardTargetBody,
          response: { 200: RewardTargetView, 201: RewardTargetView, ...apiErrors },
        },
      },
      async (request, reply) => {
        const { created, target } = await setRewardTarget({ db, actor: request.actor, slug: request.params.slug, key: request.params.key, body: request.body });
        return reply.status(created ? 201 : 200).send(target);
      },
    );

    app.get(
      "/agreements/:slug/indicators/:key/reward-what-if",
      {
        config: { access: "read" },
        schema: {
          tags: ["reward grant", "negotiation"],
          summary: "Beside the latest proposal and counter-proposal: the stretch each asks and the reward each would earn on the trajectory so far",
          params: IndicatorParams,
          response: { 200: RewardWhatIfView, ...apiErrors },
        },
      },
      async (request) => readRewardWhatIf({ db, actor: request.actor, slug: request.params.slug, key: request.params.key }),
    );
  };
}
