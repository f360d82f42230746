import { queryOptions } from "@tanstack/react-query";
import { CatalogueView, IndicatorDefinitionView } from "@accord/domain";
import { apiGet, apiPath } from "../../api/client";

/** The whole catalogue in one answer (its largest page), for choosing an indicator from it. */
export const catalogueQuery = () =>
  queryOptions({
    queryKey: ["indicators", "all"],
    queryFn: ({ signal }) => apiGet("/api/indicators?limit=500", CatalogueView, signal),
  });

/** One catalogue definition (its components, unit); 404 for an agreement's local indicator. */
export const indicatorDefinitionQuery = (key: string) =>
  queryOptions({
    queryKey: ["indicators", key],
    queryFn: ({ signal }) => apiGet(apiPath("indicators", key), IndicatorDefinitionView, signal),
    retry: false,
  });
