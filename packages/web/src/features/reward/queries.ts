/** Reads of the Performance Reward Grant: an agreement's reward page and an indicator's what-if. */
import { queryOptions } from "@tanstack/react-query";
import { apiGet, apiPath } from "../../api/client";
import { RewardPageView, RewardWhatIfView } from "./contracts";

export const rewardQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "reward"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "reward"), RewardPageView, signal),
  });

export const rewardWhatIfQuery = (slug: string, key: string) =>
  queryOptions({
    // Under the indicator's key, so a new proposal (which refreshes the indicator) refreshes it too.
    queryKey: ["agreements", slug, "indicators", key, "reward-what-if"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "indicators", key, "reward-what-if"), RewardWhatIfView, signal),
  });
