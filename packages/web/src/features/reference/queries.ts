import { queryOptions } from "@tanstack/react-query";
import { AreaListView, OrganisationListView } from "@accord/domain";
import { apiGet } from "../../api/client";

/** Every organisation: names for slugs, and whether each is a statutory partner under the 2007 Act. */
export const organisationsQuery = () =>
  queryOptions({
    queryKey: ["organisations"],
    // Every partner of a county fits one page; the names are looked up from it across the app.
    queryFn: ({ signal }) => apiGet("/api/organisations?limit=500", OrganisationListView, signal),
    staleTime: 10 * 60_000,
  });

/** The county and its districts (ONS codes) and their Local Strategic Partnerships. */
export const areasQuery = () =>
  queryOptions({
    queryKey: ["areas"],
    queryFn: ({ signal }) => apiGet("/api/areas", AreaListView, signal),
    staleTime: 10 * 60_000,
  });
