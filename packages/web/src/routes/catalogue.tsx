import { useDeferredValue, useEffect, useState } from "react";
import { createRoute } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { NativeSelect, TextInput, Title } from "@mantine/core";
import { indicatorSources } from "@accord/domain";
import { rootRoute } from "./root";
import { catalogueQuery } from "../features/catalogue/queries";
import { CatalogueTable } from "../features/catalogue/CatalogueTable";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { indicatorSourceWords, plural } from "../words";

export interface CatalogueSearch {
  q?: string;
  source?: string;
}

function validateCatalogueSearch(search: Record<string, unknown>): CatalogueSearch {
  const result: CatalogueSearch = {};
  if (typeof search.q === "string" && search.q !== "") result.q = search.q;
  if (typeof search.q === "number") result.q = String(search.q);
  if (typeof search.source === "string" && search.source !== "") result.source = search.source;
  return result;
}

function CataloguePage() {
  useDocumentTitle("Indicator catalogue");
  const search = catalogueRoute.useSearch();
  const navigate = catalogueRoute.useNavigate();
  const { data } = useSuspenseQuery(catalogueQuery());
  // The box keeps its own text so typing is never held up by the address bar; the address follows.
  const [text, setText] = useState(search.q ?? "");
  useEffect(() => {
    if ((search.q ?? "") !== text) {
      void navigate({ search: (previous) => validateCatalogueSearch({ ...previous, q: text }), replace: true, resetScroll: false });
    }
  }, [text, search.q, navigate]);
  const query = useDeferredValue(text.trim().toLowerCase());
  const shown = data.indicators.filter(
    (definition) =>
      (!search.source || definition.source === search.source) &&
      (query === "" || definition.code.toLowerCase().includes(query) || definition.title.toLowerCase().includes(query)),
  );
  const unknownTitles = data.indicators.filter((definition) => definition.titleStatus !== "known").length;

  function setSearch(next: CatalogueSearch) {
    void navigate({ search: validateCatalogueSearch({ ...next }), replace: true, resetScroll: false });
  }

  return (
    <>
      <header className="page-heading">
        <Title order={1}>Indicator catalogue</Title>
        <p className="lead">
          The indicators an agreement can choose from: the National Indicator Set, LPSA2 targets and local indicators.
        </p>
        {unknownTitles > 0 ? (
          <p>
            {plural(unknownTitles, "indicator")} {unknownTitles === 1 ? "has" : "have"} a title that is not known or not complete in
            the sources; {unknownTitles === 1 ? "it is" : "they are"} marked rather than guessed.
          </p>
        ) : null}
      </header>
      <div className="filters" role="group" aria-label="Filter the catalogue">
        <TextInput
          label="Code or title contains"
          type="search"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <NativeSelect
          label="Source"
          value={search.source ?? ""}
          onChange={(event) => setSearch({ ...search, source: event.currentTarget.value || undefined })}
          data={[{ value: "", label: "Any source" }, ...indicatorSources.map((source) => ({ value: source, label: indicatorSourceWords[source] }))]}
        />
      </div>
      <p aria-live="polite" aria-atomic="true" className="result-count">
        Showing {shown.length} of {plural(data.indicators.length, "indicator")}
      </p>
      {shown.length > 0 ? <CatalogueTable definitions={shown} /> : <p>No indicators match.</p>}
    </>
  );
}

export const catalogueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/indicators",
  validateSearch: validateCatalogueSearch,
  loader: ({ context }) => context.queryClient.ensureQueryData(catalogueQuery()),
  component: CataloguePage,
});
