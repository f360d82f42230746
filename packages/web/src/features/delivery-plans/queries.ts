/** Reading and writing an indicator's delivery plan; a save reads the indicator's history again too. */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPath, apiSend } from "../../api/client";
import { DeliveryPlanView, type SaveDeliveryPlanBody } from "./contracts";

export const deliveryPlanQuery = (slug: string, key: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "indicators", "one", key, "delivery-plan"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "indicators", key, "delivery-plan"), DeliveryPlanView, signal),
  });

export function useSaveDeliveryPlan(slug: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveDeliveryPlanBody) => apiSend("PUT", apiPath("agreements", slug, "indicators", key, "delivery-plan"), body, DeliveryPlanView),
    onSuccess: (view) => queryClient.setQueryData(deliveryPlanQuery(slug, key).queryKey, view),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["agreements", slug, "indicators", "one", key] }),
  });
}
