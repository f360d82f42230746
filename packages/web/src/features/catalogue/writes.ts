/**
 * A manager keeps the catalogue: adds an entry or changes one's title, unit, polarity or
 * department. Afterwards every catalogue read (pages, entries, the agreements' views of them) is
 * read again.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { IndicatorDefinitionView, type Polarity } from "@accord/domain";
import { apiPath, apiSend } from "../../api/client";

export interface NewCatalogueEntry {
  code: string;
  title: string;
  source: "national-indicator-set" | "lpsa2";
  unit?: string;
  polarity: Polarity;
  department?: string;
  titleSource: string;
}

export interface CatalogueEntryChange {
  title: string;
  unit: string | null;
  polarity: Polarity;
  department: string | null;
  version: number;
}

function useCatalogueWrite<Input>(write: (input: Input) => Promise<IndicatorDefinitionView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: ["indicators"] }), queryClient.invalidateQueries({ queryKey: ["agreements"] })]);
    },
  });
}

export function useAddCatalogueEntry() {
  return useCatalogueWrite((body: NewCatalogueEntry) => apiSend("POST", "/api/indicators", body, IndicatorDefinitionView));
}

export function useChangeCatalogueEntry(key: string) {
  return useCatalogueWrite((body: CatalogueEntryChange) => apiSend("PATCH", apiPath("indicators", key), body, IndicatorDefinitionView));
}
