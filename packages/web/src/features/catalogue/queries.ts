import { queryOptions } from "@tanstack/react-query";
import { CatalogueView } from "@accord/domain";
import { apiGet } from "../../api/client";

export const catalogueQuery = () =>
  queryOptions({
    queryKey: ["indicators"],
    queryFn: ({ signal }) => apiGet("/api/indicators", CatalogueView, signal),
  });
