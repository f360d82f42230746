import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { AgreementIndicatorPageView, IndicatorListView } from "@accord/domain";
import { apiGet, queryString } from "../../api/client";

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
