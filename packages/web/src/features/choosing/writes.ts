/**
 * A manager's choice of indicators: add one (from the catalogue, or a local one), replace one
 * with another (both kept, with the link), remove one. Afterwards the agreement and the
 * catalogue (which lists the agreements using each indicator) are read again.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type { AgreementIndicatorKind } from "@accord/domain";
import { apiPath, apiSend } from "../../api/client";

export interface AddIndicatorBody {
  indicator: string;
  kind: AgreementIndicatorKind;
  theme: string;
  outcome?: number;
  localTitle?: string;
}

export const AddedIndicatorView = z.object({ key: z.string(), indicator: z.string(), kind: z.string(), theme: z.string(), outcome: z.number().int().nullable() });
export const ReplacedIndicatorView = z.object({ key: z.string(), omitted: z.string(), replacedBy: z.string(), reason: z.string() });

function useChoosingWrite<Input, Output>(slug: string, write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: ["agreements", slug] }), queryClient.invalidateQueries({ queryKey: ["indicators"] })]);
    },
  });
}

export function useAddIndicator(slug: string) {
  return useChoosingWrite(slug, (body: AddIndicatorBody) => apiSend("POST", apiPath("agreements", slug, "indicators"), body, AddedIndicatorView));
}

export function useReplaceIndicator(slug: string, key: string) {
  return useChoosingWrite(slug, (body: { replacement: string; reason: string }) =>
    apiSend("POST", apiPath("agreements", slug, "indicators", key, "replacement"), body, ReplacedIndicatorView),
  );
}

export function useRemoveIndicator(slug: string, key: string) {
  return useChoosingWrite(slug, () => apiSend("DELETE", apiPath("agreements", slug, "indicators", key), undefined, null));
}
