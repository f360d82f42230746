import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { AgreementIndicatorPageView, IndicatorListView } from "@accord/domain";
import { apiGet, apiPath, queryString } from "../../api/client";
import { CommentListView, HistoryView } from "../../api/contracts";

export interface IndicatorFilters {
  theme?: string | undefined;
  status?: string | undefined;
  partner?: string | undefined;
  kind?: string | undefined;
}

export const agreementIndicatorListQuery = (slug: string, filters: IndicatorFilters) =>
  queryOptions({
    queryKey: ["agreements", slug, "indicators", filters],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/agreements/${encodeURIComponent(slug)}/indicators${queryString({ theme: filters.theme, status: filters.status, partner: filters.partner, kind: filters.kind })}`,
        IndicatorListView,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const agreementIndicatorQuery = (slug: string, key: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "indicators", "one", key],
    queryFn: ({ signal }) =>
      apiGet(`/api/agreements/${encodeURIComponent(slug)}/indicators/${encodeURIComponent(key)}`, AgreementIndicatorPageView, signal),
  });

/** Every change to the indicator (people with a role in the agreement); keyed by the reader. */
export const indicatorHistoryQuery = (slug: string, key: string, userId: number, page = 1) =>
  queryOptions({
    queryKey: ["agreements", slug, "indicators", "one", key, "history", userId, page],
    queryFn: ({ signal }) =>
      apiGet(`${apiPath("agreements", slug, "indicators", key, "history")}?page=${page}`, HistoryView, signal),
    placeholderData: (previous) => previous,
  });

export const indicatorCommentsQuery = (slug: string, key: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "indicators", "one", key, "comments"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "indicators", key, "comments"), CommentListView, signal),
  });
