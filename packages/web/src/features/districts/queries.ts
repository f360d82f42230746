import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPath, apiSend } from "../../api/client";
import { LocalActionPlanView } from "../../api/contracts";

/** GET /api/agreements/:slug/districts/:code/local-action-plan (version 0: no plan yet). */
export const localActionPlanQuery = (slug: string, code: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "districts", code, "local-action-plan"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "districts", code, "local-action-plan"), LocalActionPlanView, signal),
  });

export interface PlanBody {
  summary: string;
  supportedIndicators: string[];
  version?: number;
}

export function useSaveLocalActionPlan(slug: string, code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanBody) => apiSend("PUT", apiPath("agreements", slug, "districts", code, "local-action-plan"), body, LocalActionPlanView),
    onSuccess: (plan) => queryClient.setQueryData(localActionPlanQuery(slug, code).queryKey, plan),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["agreements", slug, "districts", code] }),
  });
}
