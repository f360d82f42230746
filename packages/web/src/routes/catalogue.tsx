import { useEffect, useState } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { NativeSelect, TextInput, Title } from "@mantine/core";
import { indicatorSources } from "@accord/domain";
import { rootRoute } from "./root";
import { cataloguePageQuery, type CataloguePageSearch } from "../features/catalogue/queries";
import { CatalogueTable } from "../features/catalogue/CatalogueTable";
import { AddEntryForm } from "../features/catalogue/EntryForms";
import { isManager, useSession } from "../features/session/queries";
import { Loading } from "../components/Loading";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { indicatorSourceWords, plural } from "../words";

export type CatalogueSearch = CataloguePageSearch;

function validateCatalogueSearch(search: Record<string, unknown>): CatalogueSearch {
  const result: CatalogueSearch = {};
  const text = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");
  const q = text(search.q);
  if (q !== "") result.q = q;
  const department = text(search.department);
  if (department !== "") result.department = department;
  if (typeof search.source === "string" && (indicatorSources as readonly string[]).includes(search.source)) result.source = search.source;
  const page = Number(search.page);
  if (Number.isInteger(page) && page > 1) result.page = page;
  return result;
}

/** "Previous", "Page 2 of 5", "Next": links, so each page has its own address. */
function Pagination({ search, page, pages }: { search: CatalogueSearch; page: number; pages: number }) {
  if (pages <= 1) return null;
  const to = (target: number) => validateCatalogueSearch({ ...search, page: target });
  return (
    <nav aria-label="Catalogue pages" className="pagination">
      <ul className="plain-list inline-list">
        <li>
          {page > 1 ? (
            <Link to="/indicators" search={to(page - 1)} rel="prev">
              Previous page
            </Link>
          ) : null}
        </li>
        <li aria-current="page">
          Page {page} of {pages}
        </li>
        <li>
          {page < pages ? (
            <Link to="/indicators" search={to(page + 1)} rel="next">
              Next page
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}

function CataloguePage() {
  useDocumentTitle("Indicator catalogue");
  const search = catalogueRoute.useSearch();
  const navigate = catalogueRoute.useNavigate();
  const { user } = useSession();
  const catalogue = useQuery(cataloguePageQuery(search));
  // The box keeps its own text so typing is never held up by the address bar; the address follows.
  const [text, setText] = useState(search.q ?? "");
  useEffect(() => {
    if ((search.q ?? "") === text.trim()) return;
    // Wait for a pause in typing before asking the server; a new search starts at page 1.
    const timer = setTimeout(() => {
      void navigate({ search: (previous) => validateCatalogueSearch({ ...previous, q: text.trim(), page: undefined }), replace: true, resetScroll: false });
    }, 250);
    return () => clearTimeout(timer);
  }, [text, search.q, navigate]);

  function setSearch(next: CatalogueSearch) {
    void navigate({ search: validateCatalogueSearch({ ...next, page: undefined }), replace: true, resetScroll: false });
  }

  const data = catalogue.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.limit)) : 1;
  const first = data ? (data.page - 1) * data.limit + 1 : 0;
  const last = data ? first + data.indicators.length - 1 : 0;

  return (
    <>
      <header className="page-heading">
        <Title order={1}>Indicator catalogue</Title>
        <p className="lead">
          The indicators an agreement can choose from: the National Indicator Set, LPSA2 targets and local indicators.
        </p>
      </header>
      {isManager(user) ? <AddEntryForm /> : null}
      <form className="filters" role="search" aria-label="Filter the catalogue" onSubmit={(event) => event.preventDefault()}>
        <TextInput label="Code or title contains" type="search" value={text} onChange={(event) => setText(event.currentTarget.value)} />
        <NativeSelect
          label="Department"
          value={search.department ?? ""}
          onChange={(event) => setSearch({ ...search, department: event.currentTarget.value || undefined })}
          data={[{ value: "", label: "Any department" }, ...(data?.departments ?? (search.department ? [search.department] : [])).map((name) => ({ value: name, label: name }))]}
        />
        <NativeSelect
          label="Source"
          value={search.source ?? ""}
          onChange={(event) => setSearch({ ...search, source: event.currentTarget.value || undefined })}
          data={[{ value: "", label: "Any source" }, ...indicatorSources.map((source) => ({ value: source, label: indicatorSourceWords[source] }))]}
        />
      </form>
      <p aria-live="polite" aria-atomic="true" className="result-count">
        {data
          ? data.total === 0
            ? "No indicators match."
            : `Showing ${first} to ${last} of ${plural(data.total, "indicator")}`
          : ""}
      </p>
      {catalogue.isError ? <p role="alert">The catalogue could not be read: {catalogue.error.message}</p> : null}
      {!data && catalogue.isPending ? <Loading label="Loading the catalogue…" /> : null}
      {data && data.indicators.length > 0 ? (
        <>
          <CatalogueTable definitions={data.indicators} />
          <Pagination search={search} page={data.page} pages={pages} />
        </>
      ) : null}
    </>
  );
}

export const catalogueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/indicators",
  validateSearch: validateCatalogueSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(cataloguePageQuery(deps)),
  component: CataloguePage,
});
