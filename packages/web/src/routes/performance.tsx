/**
 * Where each person starts (issue 9 point 5): how the agreement is doing in a monitoring round.
 * The count of each status, then every indicator with its latest value, the planned value on the
 * trajectory, its status in words and colour, progress, direction and a sparkline. The round and
 * the filters (theme, status, lead partner, district) are kept in the address.
 */
import { useId } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Button, NativeSelect, Table, Title, VisuallyHidden } from "@mantine/core";
import { type AgreementDetailView, type DashboardRow, type DashboardView, performanceStatuses } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { areasQuery } from "../features/reference/queries";
import { dashboardQuery, type DashboardFilters } from "../features/performance/queries";
import {
  DirectionText,
  Figure,
  IllustrativeNotice,
  PerformanceFlag,
  ProgressMeter,
  ReturnFlag,
  Sparkline,
  performanceStatusNames,
  plannedFigure,
  reasonWords,
} from "../features/performance/parts";
import { useSession } from "../features/session/queries";
import { usePermissions } from "../features/permissions/queries";
import { OpenRoundForm } from "../features/performance/RoundControls";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ErrorState } from "../components/ErrorState";
import { Loading } from "../components/Loading";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { plural } from "../words";

export type PerformanceSearch = DashboardFilters;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function validatePerformanceSearch(search: Record<string, unknown>): PerformanceSearch {
  const result: PerformanceSearch = {};
  for (const name of ["round", "theme", "status", "lead", "district"] as const) {
    const value = text(search[name]);
    if (value) result[name] = value;
  }
  return result;
}

/** The organisations leading at least one indicator of the agreement, by name. */
function leadOptions(agreement: AgreementDetailView): { slug: string; name: string }[] {
  const bySlug = new Map<string, string>();
  for (const theme of agreement.themes) {
    for (const indicator of [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)]) {
      for (const signUp of indicator.partners) if (signUp.role === "lead") bySlug.set(signUp.organisation.slug, signUp.organisation.name);
    }
  }
  return [...bySlug].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

function roundLabel(round: DashboardView["rounds"][number]): string {
  const state = round.status === "open" ? "open" : round.status === "closed" ? "closed, not yet published" : "published";
  return `${round.period.label} (${state})`;
}

function StatusCounts({ counts }: { counts: DashboardView["counts"] }) {
  return (
    <ul className="rag-counts" aria-label="Indicators by status" data-testid="rag-counts">
      {performanceStatuses.map((status) => (
        <li key={status} className={`rag--${status}`} data-status={status}>
          <strong>{counts[status]}</strong> {performanceStatusNames[status]}
        </li>
      ))}
    </ul>
  );
}

function DashboardTable({
  slug,
  rows,
  round,
  district,
  signedIn,
}: {
  slug: string;
  rows: DashboardRow[];
  round: string | undefined;
  district: string | null;
  signedIn: boolean;
}) {
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={captionId}>
      <Table withTableBorder captionSide="top" className="dashboard-table">
        <Table.Caption id={captionId}>Every indicator&apos;s latest value against its trajectory</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Indicator</Table.Th>
            <Table.Th scope="col">Period</Table.Th>
            <Table.Th scope="col">Latest value</Table.Th>
            <Table.Th scope="col">Planned</Table.Th>
            {district ? <Table.Th scope="col">{district}</Table.Th> : null}
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Progress to target</Table.Th>
            <Table.Th scope="col">Direction</Table.Th>
            <Table.Th scope="col">Trend</Table.Th>
            <Table.Th scope="col">Return</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.key}-${row.component}`} data-indicator={row.key}>
              <Table.Th scope="row">
                <Link to="/agreements/$slug/indicators/$key" params={{ slug, key: row.key }}>
                  {row.code}
                </Link>{" "}
                {row.title}
                {row.component !== "all" ? <span className="small"> ({row.component})</span> : null}
                <div className="small muted">{row.theme}</div>
              </Table.Th>
              <Table.Td>{row.period ?? <span className="muted">None yet</span>}</Table.Td>
              <Table.Td>
                <Figure value={row.actual} unit={row.unit} />
              </Table.Td>
              <Table.Td data-column="planned">
                <Figure value={plannedFigure(row.planned)} unit={row.unit} />
              </Table.Td>
              {district ? (
                <Table.Td>
                  <Figure value={row.district?.value ?? null} unit={row.unit} />
                </Table.Td>
              ) : null}
              <Table.Td data-column="status">
                <PerformanceFlag status={row.status} />
                {reasonWords(row.reason) ? <div className="small">{reasonWords(row.reason)}</div> : null}
              </Table.Td>
              <Table.Td>
                <ProgressMeter progress={row.progress} label={`${row.code} progress to target`} />
              </Table.Td>
              <Table.Td>
                <DirectionText direction={row.direction} />
              </Table.Td>
              <Table.Td>
                <Sparkline points={row.spark} />
              </Table.Td>
              <Table.Td>
                {round && signedIn ? (
                  <Link to="/agreements/$slug/rounds/$round/returns/$key" params={{ slug, round, key: row.key }}>
                    <VisuallyHidden>{row.code} return: </VisuallyHidden>
                    <ReturnFlag status={row.returnStatus} />
                  </Link>
                ) : (
                  <ReturnFlag status={row.returnStatus} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}

function PerformancePage() {
  const { slug } = performanceRoute.useParams();
  const search = performanceRoute.useSearch();
  const navigate = performanceRoute.useNavigate();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const dashboard = useQuery(dashboardQuery(slug, search));
  const areas = useQuery(areasQuery());
  const { user } = useSession();
  const permissions = usePermissions(slug);
  useDocumentTitle("Performance", agreement.shortName);
  const districts = (areas.data?.areas ?? []).filter((area) => area.kind === "district" && area.parent === agreement.area.code);
  const leads = leadOptions(agreement);
  const data = dashboard.data;
  const round = data?.round ?? null;
  const anyFilter = Boolean(search.theme || search.status || search.lead || search.district);
  const districtName = search.district ? (districts.find((area) => area.code === search.district)?.name ?? search.district) : null;

  function setSearch(next: PerformanceSearch) {
    void navigate({ search: () => validatePerformanceSearch({ ...next }), replace: true, resetScroll: false });
  }
  const change = (name: keyof PerformanceSearch) => (value: string) => setSearch({ ...search, [name]: value || undefined });

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Performance</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">{agreement.name}</p>
        <Title order={1}>Performance</Title>
        {round ? (
          <p>
            Where every indicator stands at the end of {round.period.label}, against the trajectory from its baseline to its targets.
          </p>
        ) : null}
      </header>
      {dashboard.isPending ? <Loading label="Loading the performance dashboard…" /> : null}
      {dashboard.isError ? <ErrorState error={dashboard.error} what="the performance dashboard" /> : null}
      {data ? (
        <>
          <IllustrativeNotice text={data.illustrative} />
          <div className="filters" role="group" aria-label="Choose the round and filter the indicators">
            <NativeSelect
              label="Monitoring round"
              value={round?.key ?? ""}
              onChange={(event) => change("round")(event.currentTarget.value)}
              data={data.rounds.length > 0 ? data.rounds.map((option) => ({ value: option.key, label: roundLabel(option) })) : [{ value: "", label: "No rounds yet" }]}
            />
            <NativeSelect
              label="Theme"
              value={search.theme ?? ""}
              onChange={(event) => change("theme")(event.currentTarget.value)}
              data={[{ value: "", label: "All themes" }, ...agreement.themes.map((theme) => ({ value: theme.code, label: theme.title }))]}
            />
            <NativeSelect
              label="Status"
              value={search.status ?? ""}
              onChange={(event) => change("status")(event.currentTarget.value)}
              data={[{ value: "", label: "Any status" }, ...performanceStatuses.map((status) => ({ value: status, label: performanceStatusNames[status] }))]}
            />
            <NativeSelect
              label="Lead partner"
              value={search.lead ?? ""}
              onChange={(event) => change("lead")(event.currentTarget.value)}
              data={[{ value: "", label: "Any lead partner" }, ...leads.map((lead) => ({ value: lead.slug, label: lead.name }))]}
            />
            <NativeSelect
              label="District"
              value={search.district ?? ""}
              onChange={(event) => change("district")(event.currentTarget.value)}
              data={[{ value: "", label: "County only" }, ...districts.map((area) => ({ value: area.code, label: area.name }))]}
            />
            {anyFilter ? (
              <Button variant="subtle" className="filters__clear" onClick={() => setSearch(search.round ? { round: search.round } : {})}>
                Clear filters
              </Button>
            ) : null}
          </div>
          <nav aria-label="Monitoring" className="agreement-nav">
            <ul className="inline-list">
              {round && user ? (
                <li>
                  <Link to="/agreements/$slug/rounds/$round" params={{ slug, round: round.key }}>
                    Returns for {round.period.label}
                  </Link>
                </li>
              ) : null}
              {districtName && search.district ? (
                <li>
                  <Link to="/agreements/$slug/districts/$code/performance" params={{ slug, code: search.district }} search={round ? { round: round.key } : {}}>
                    {districtName} across every indicator
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
          <section aria-labelledby="counts-heading" className="section">
            <Title order={2} id="counts-heading">
              {round ? `Status at ${round.period.label}` : "Status"}
            </Title>
            <StatusCounts counts={data.counts} />
          </section>
          <section aria-labelledby="indicators-heading" className="section">
            <Title order={2} id="indicators-heading">
              Indicators
            </Title>
            <p aria-live="polite" aria-atomic="true" className="result-count">
              {dashboard.isPlaceholderData ? "Finding indicators…" : `Showing ${plural(data.indicators.length, "indicator")}`}
            </p>
            {data.indicators.length === 0 ? <p>No indicators match these filters.</p> : <DashboardTable slug={slug} rows={data.indicators} round={round?.key} district={districtName} signedIn={user !== null} />}
          </section>
        </>
      ) : null}
      {permissions?.manageRounds ? <OpenRoundForm slug={slug} /> : null}
    </>
  );
}

export const performanceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/performance",
  validateSearch: validatePerformanceSearch,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(agreementQuery(params.slug)),
  component: PerformancePage,
});
