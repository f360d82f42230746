import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Button, NativeSelect, Title } from "@mantine/core";
import { freedomPriorities } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { freedomListQuery } from "../features/freedoms/queries";
import { FreedomEntry, freedomBlockCode } from "../features/freedoms/FreedomRegister";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { freedomPriorityWords, plural } from "../words";

export interface FreedomSearch {
  priority?: string;
  block?: string;
}

function validateFreedomSearch(search: Record<string, unknown>): FreedomSearch {
  const result: FreedomSearch = {};
  if (typeof search.priority === "string" && search.priority !== "") result.priority = search.priority;
  if (typeof search.block === "string" && search.block !== "") result.block = search.block;
  return result;
}

function FreedomsPage() {
  const { slug } = freedomsRoute.useParams();
  const search = freedomsRoute.useSearch();
  const navigate = freedomsRoute.useNavigate();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data } = useSuspenseQuery(freedomListQuery(slug));
  useDocumentTitle("Freedoms and flexibilities", agreement.shortName);

  const blocks = agreement.themes.filter((theme) => theme.kind === "block" || theme.outcomes.length > 0);
  const hasOverarching = data.freedoms.some((freedom) => freedom.scope === "overarching");
  const shown = data.freedoms.filter(
    (freedom) => (!search.priority || freedom.priority === search.priority) && (!search.block || freedomBlockCode(freedom, agreement) === search.block),
  );

  function setSearch(next: FreedomSearch) {
    void navigate({ search: validateFreedomSearch({ ...next }), replace: true, resetScroll: false });
  }

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Freedoms and flexibilities</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>Freedoms and flexibilities</Title>
        <p className="lead">
          The register of {agreement.name}: what stood in the partners' way, the freedom they asked central government
          for, how much it matters, and who would benefit.
        </p>
      </header>
      <div className="filters" role="group" aria-label="Filter freedoms">
        <NativeSelect
          label="Priority"
          value={search.priority ?? ""}
          onChange={(event) => setSearch({ ...search, priority: event.currentTarget.value || undefined })}
          data={[{ value: "", label: "Any priority" }, ...freedomPriorities.map((priority) => ({ value: priority, label: freedomPriorityWords[priority] }))]}
        />
        <NativeSelect
          label="Block"
          value={search.block ?? ""}
          onChange={(event) => setSearch({ ...search, block: event.currentTarget.value || undefined })}
          data={[
            { value: "", label: "All blocks" },
            ...blocks.map((block) => ({ value: block.code, label: block.title })),
            ...(hasOverarching ? [{ value: "overarching", label: "Overarching (whole agreement)" }] : []),
          ]}
        />
        {search.priority || search.block ? (
          <Button variant="subtle" onClick={() => setSearch({})}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <p aria-live="polite" aria-atomic="true" className="result-count">
        Showing {shown.length} of {plural(data.freedoms.length, "freedom")}
      </p>
      {shown.length === 0 ? <p>No freedoms match these filters.</p> : null}
      <div className="stack">
        {shown.map((freedom) => (
          <FreedomEntry key={freedom.number} slug={slug} freedom={freedom} />
        ))}
      </div>
    </>
  );
}

export const freedomsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/freedoms",
  validateSearch: validateFreedomSearch,
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(agreementQuery(params.slug)),
      context.queryClient.ensureQueryData(freedomListQuery(params.slug)),
    ]),
  component: FreedomsPage,
});
