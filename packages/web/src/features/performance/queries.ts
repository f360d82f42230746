/** Reads of the monitoring pages: the dashboard, an indicator's performance, district rankings, rounds and returns. */
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiGet, apiPath, queryString } from "../../api/client";
import {
  DashboardView,
  DistrictPerformanceView,
  DistrictRankingView,
  IndicatorObservationsView,
  IndicatorPerformanceView,
  ReturnListView,
  ReturnView,
  RoundListView,
} from "@accord/domain";

export interface DashboardFilters {
  round?: string | undefined;
  theme?: string | undefined;
  status?: string | undefined;
  lead?: string | undefined;
  district?: string | undefined;
}

export const dashboardQuery = (slug: string, filters: DashboardFilters) =>
  queryOptions({
    queryKey: ["agreements", slug, "performance", filters],
    queryFn: ({ signal }) =>
      apiGet(
        `${apiPath("agreements", slug, "performance")}${queryString({ round: filters.round, theme: filters.theme, status: filters.status, lead: filters.lead, district: filters.district })}`,
        DashboardView,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const indicatorPerformanceQuery = (slug: string, key: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "performance", "indicator", key],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "indicators", key, "performance"), IndicatorPerformanceView, signal),
  });

export const districtRankingPath = (slug: string, key: string, round: string | undefined, format?: "csv") =>
  `${apiPath("agreements", slug, "indicators", key, "districts")}${queryString({ round, format })}`;

export const districtRankingQuery = (slug: string, key: string, round: string | undefined) =>
  queryOptions({
    queryKey: ["agreements", slug, "performance", "ranking", key, round ?? null],
    queryFn: ({ signal }) => apiGet(districtRankingPath(slug, key, round), DistrictRankingView, signal),
    placeholderData: keepPreviousData,
  });

export const districtPerformancePath = (slug: string, area: string, round: string | undefined, format?: "csv") =>
  `${apiPath("agreements", slug, "districts", area, "performance")}${queryString({ round, format })}`;

export const districtPerformanceQuery = (slug: string, area: string, round: string | undefined) =>
  queryOptions({
    queryKey: ["agreements", slug, "performance", "district", area, round ?? null],
    queryFn: ({ signal }) => apiGet(districtPerformancePath(slug, area, round), DistrictPerformanceView, signal),
    placeholderData: keepPreviousData,
  });

export const roundsQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "rounds"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "rounds"), RoundListView, signal),
  });

export const returnsQuery = (slug: string, round: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "rounds", round, "returns"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "rounds", round, "returns"), ReturnListView, signal),
  });

export const returnQuery = (slug: string, round: string, key: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "rounds", round, "returns", key],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "rounds", round, "returns", key), ReturnView, signal),
  });

export const observationsQuery = (slug: string, key: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "indicators", "one", key, "observations"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "indicators", key, "observations"), IndicatorObservationsView, signal),
  });
