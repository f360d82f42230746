/** A manager changes the reward grant's assumptions or a reward target; the reward reads are read again. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPath, apiSend } from "../../api/client";
import { RewardAssumptionsView, RewardTargetView, type AssumptionField } from "./contracts";

export type AssumptionsChange = Partial<Record<AssumptionField | "note", string | null>> & { version: number };
export interface RewardTargetChange {
  pot: string | null;
  withoutStretch: string | null;
  stretchTarget: string | null;
  proRata: boolean;
  version: number;
}

function useRewardWrite<Input, Output>(slug: string, write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ["agreements", slug] });
    },
  });
}

export function useChangeAssumptions(slug: string) {
  return useRewardWrite(slug, (body: AssumptionsChange) => apiSend("PUT", apiPath("agreements", slug, "reward", "assumptions"), body, RewardAssumptionsView));
}

export function useSetRewardTarget(slug: string) {
  return useRewardWrite(slug, ({ key, ...body }: RewardTargetChange & { key: string }) =>
    apiSend("PUT", apiPath("agreements", slug, "reward", "targets", key), body, RewardTargetView),
  );
}
