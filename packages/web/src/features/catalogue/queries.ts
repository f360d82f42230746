import { queryOptions } from "@tanstack/react-query";
import { CatalogueView, IndicatorDefinitionView } from "@accord/domain";
import { apiGet, apiPath, queryString } from "../../api/client";
import { HistoryView } from "../../api/contracts";

/** The whole catalogue in one answer (its largest page), for choosing an indicator from it. */
export const catalogueQuery = () =>
  queryOptions({
    queryKey: ["indicators", "all"],
    queryFn: ({ signal }) => apiGet("/api/indicators?limit=500", CatalogueView, signal),
  });

/** What the catalogue page asks for; the server filters and pages, so only one page travels. */
export interface CataloguePageSearch {
  q?: string;
  department?: string;
  source?: string;
  page?: number;
}

/** Entries a catalogue page shows. */
export const cataloguePageSize = 50;

export const cataloguePageQuery = (search: CataloguePageSearch) =>
  queryOptions({
    queryKey: ["indicators", "page", search],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/indicators${queryString({
          q: search.q,
          department: search.department,
          source: search.source,
          page: search.page !== undefined ? String(search.page) : undefined,
          limit: String(cataloguePageSize),
        })}`,
        CatalogueView,
        signal,
      ),
    placeholderData: (previous) => previous,
  });

/** One catalogue definition (its components, unit); 404 for an agreement's local indicator. */
export const indicatorDefinitionQuery = (key: string) =>
  queryOptions({
    queryKey: ["indicators", key],
    queryFn: ({ signal }) => apiGet(apiPath("indicators", key), IndicatorDefinitionView, signal),
    retry: false,
  });

/** Changes to a catalogue entry, newest first (anyone may read them). */
export const catalogueEntryHistoryQuery = (key: string, page = 1) =>
  queryOptions({
    queryKey: ["indicators", key, "history", page],
    queryFn: ({ signal }) => apiGet(`${apiPath("indicators", key, "history")}?page=${page}`, HistoryView, signal),
    placeholderData: (previous) => previous,
  });
