/** Reads of the Government Office view and of one indicator across agreements. */
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiGet, apiPath, queryString } from "../../api/client";
import { AcrossAgreementsView, OverviewView } from "./contracts";

export const overviewPath = (region: string | undefined) => `${apiPath("agreements", "overview")}${queryString({ region })}`;

export const overviewQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: ["agreements", "overview", region ?? null],
    queryFn: ({ signal }) => apiGet(overviewPath(region), OverviewView, signal),
    placeholderData: keepPreviousData,
  });

export const acrossAgreementsPath = (key: string, region: string | undefined, format?: "csv") =>
  `${apiPath("indicators", key, "across-agreements")}${queryString({ region, format })}`;

export const acrossAgreementsQuery = (key: string, region: string | undefined) =>
  queryOptions({
    queryKey: ["indicators", key, "across-agreements", region ?? null],
    queryFn: ({ signal }) => apiGet(acrossAgreementsPath(key, region), AcrossAgreementsView, signal),
    placeholderData: keepPreviousData,
  });
