import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Button, NativeSelect, TextInput, Title } from "@mantine/core";
import { freedomPriorities } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { freedomListQuery } from "../features/freedoms/queries";
import { FreedomEntry, freedomBlockCode } from "../features/freedoms/FreedomRegister";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { InPageLink } from "../components/InPageLink";
import { freedomPriorityWords, plural } from "../words";

export interface FreedomSearch {
  priority?: string;
  block?: string;
  q?: string;
}

function validateFreedomSearch(search: Record<string, unknown>): FreedomSearch {
  const result: FreedomSearch = {};
  if (typeof search.priority === "string" && search.priority !== "") result.priority = search.priority;
  if (typeof search.block === "string" && search.block !== "") result.block = search.block;
  if (typeof search.q === "string" && search.q.trim() !== "") result.q = search.q;
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
  const words = (search.q ?? "").trim().toLocaleLowerCase("en-GB");
  const mentions = (freedom: (typeof data.freedoms)[number]) =>
    words === "" ||
    [freedom.title, freedom.problem, freedom.freedomSought, freedom.benefitsToCentralGovernment, freedom.benefitsToPartners, freedom.benefitsToCommunity, freedom.department]
      .some((text) => (text ?? "").toLocaleLowerCase("en-GB").includes(words));
  const shown = data.freedoms.filter(
    (freedom) => (!search.priority || freedom.priority === search.priority) && (!search.block || freedomBlockCode(freedom, agreement) === search.block) && mentions(freedom),
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
        <TextInput
          label="Search"
          description="Words in the title, problem, freedom or benefits"
          value={search.q ?? ""}
          onChange={(event) => setSearch({ ...search, q: event.currentTarget.value || undefined })}
        />
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
        {search.priority || search.block || search.q ? (
          <Button variant="subtle" onClick={() => setSearch({})}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <p aria-live="polite" aria-atomic="true" className="result-count">
        Showing {shown.length} of {plural(data.freedoms.length, "freedom")}
      </p>
      {shown.length === 0 ? <p>No freedoms match these filters.</p> : null}
      {shown.length > 1 ? (
        <nav aria-labelledby="freedom-contents-heading" className="theme-nav" id="freedom-contents">
          <Title order={2} id="freedom-contents-heading" className="theme-nav__title" tabIndex={-1}>
            Go to a freedom
          </Title>
          <ol className="freedom-contents">
            {shown.map((freedom) => (
              <li key={freedom.number} value={freedom.number}>
                <InPageLink targetId={`freedom-${freedom.number}`}>
                  {freedom.title}
                </InPageLink>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
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
