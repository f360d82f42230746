/**
 * District benchmarking (issue 9 point 6; seed 000 §10): per indicator, the districts ranked
 * against each other and the county, with each one's share of the county total for a count; per
 * district (the LSP's view), the district across every indicator, furthest behind the county
 * first: "where they are able to make the greatest contribution". Table, chart and CSV.
 */
import { useId } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { NativeSelect, Table, Title } from "@mantine/core";
import { benchmarkChart, quantityText, type RoundView } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { agreementIndicatorQuery } from "../features/indicators/queries";
import { districtPerformancePath, districtPerformanceQuery, districtRankingPath, districtRankingQuery, roundsQuery } from "../features/performance/queries";
import { Chart } from "../features/performance/Chart";
import { Figure, IllustrativeNotice } from "../features/performance/parts";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ErrorState } from "../components/ErrorState";
import { Loading } from "../components/Loading";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";

interface RoundSearch {
  round?: string;
}

function validateRoundSearch(search: Record<string, unknown>): RoundSearch {
  return typeof search.round === "string" && search.round !== "" ? { round: search.round } : {};
}

function RoundChooser({ rounds, value, onChange }: { rounds: RoundView[]; value: string | undefined; onChange: (round: string | undefined) => void }) {
  if (rounds.length === 0) return null;
  return (
    <div className="filters" role="group" aria-label="Choose the round">
      <NativeSelect
        label="Monitoring round"
        value={value ?? ""}
        onChange={(event) => onChange(event.currentTarget.value || undefined)}
        data={[{ value: "", label: "The latest round" }, ...rounds.map((round) => ({ value: round.key, label: round.period.label }))]}
      />
    </div>
  );
}

function IndicatorDistrictsPage() {
  const { slug, key } = indicatorDistrictsRoute.useParams();
  const search = indicatorDistrictsRoute.useSearch();
  const navigate = indicatorDistrictsRoute.useNavigate();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data: indicator } = useSuspenseQuery(agreementIndicatorQuery(slug, key));
  const rounds = useQuery(roundsQuery(slug));
  const ranking = useQuery(districtRankingQuery(slug, key, search.round));
  const captionId = useId();
  useDocumentTitle(`${indicator.code} by district`, agreement.shortName);
  const data = ranking.data;
  const countyName = agreement.area.name;
  const spec = data
    ? benchmarkChart({
        code: indicator.code,
        title: indicator.title,
        period: data.period ?? "latest period",
        county: data.county.value,
        districts: data.districts.map((district) => ({ name: district.name, value: district.value })),
        unit: data.unit ?? indicator.unit,
        count: data.count,
        countyName,
      })
    : null;
  const unit = data?.unit ?? indicator.unit;

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <Link to="/agreements/$slug/indicators/$key" params={{ slug, key }}>
          {indicator.code}
        </Link>
        <span aria-current="page">By district</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">{agreement.name}</p>
        <Title order={1}>
          {indicator.code} {indicator.title} by district
        </Title>
        {data ? (
          <p>
            The districts ranked {data.better === "lower" ? "lowest first (lower is better)" : data.better === "higher" ? "highest first (higher is better)" : "by value"}
            {data.period ? ` for ${data.period}` : ""}, with {countyName} as a whole{data.count ? " and each district's share of its total" : ""}.
          </p>
        ) : null}
      </header>
      <RoundChooser rounds={rounds.data?.rounds ?? []} value={search.round} onChange={(round) => void navigate({ search: round ? { round } : {}, replace: true, resetScroll: false })} />
      {ranking.isPending ? <Loading label="Ranking the districts…" /> : null}
      {ranking.isError ? <ErrorState error={ranking.error} what="the district ranking" /> : null}
      {data ? (
        <>
          <IllustrativeNotice text={data.illustrative} />
          <section aria-labelledby="ranking-heading" className="section">
            <Title order={2} id="ranking-heading">
              Ranking
            </Title>
            <ScrollRegion labelledBy={captionId}>
              <Table withTableBorder captionSide="top" data-testid="district-ranking">
                <Table.Caption id={captionId}>
                  {indicator.code} by district{data.period ? `, ${data.period}` : ""}: 1 is best
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Rank</Table.Th>
                    <Table.Th scope="col">District</Table.Th>
                    <Table.Th scope="col">Value</Table.Th>
                    <Table.Th scope="col">{data.count ? `Share of ${countyName}` : `Against ${countyName}`}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <Table.Tr className="total-row">
                    <Table.Td>—</Table.Td>
                    <Table.Th scope="row">{countyName} (county)</Table.Th>
                    <Table.Td>
                      <Figure value={data.county.value} unit={unit} />
                    </Table.Td>
                    <Table.Td>{data.count ? "100%" : "—"}</Table.Td>
                  </Table.Tr>
                  {data.districts.map((district) => (
                    <Table.Tr key={district.area} data-area={district.area}>
                      <Table.Td>{district.rank ?? "—"}</Table.Td>
                      <Table.Th scope="row">
                        <Link to="/agreements/$slug/districts/$code/performance" params={{ slug, code: district.area }} search={search.round ? { round: search.round } : {}}>
                          {district.name}
                        </Link>
                      </Table.Th>
                      <Table.Td>
                        <Figure value={district.value} unit={unit} />
                      </Table.Td>
                      <Table.Td>
                        {data.count
                          ? district.share !== null
                            ? `${district.share}%`
                            : "—"
                          : district.fromCounty !== null
                            ? `${district.fromCounty.startsWith("-") ? "" : "+"}${quantityText(district.fromCounty, unit)}`
                            : "—"}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
            <p>
              <a href={districtRankingPath(slug, key, search.round, "csv")} download>
                Download the ranking as CSV
              </a>
            </p>
          </section>
          {spec ? (
            <section aria-labelledby="chart-heading" className="section">
              <Title order={2} id="chart-heading">
                Chart
              </Title>
              <Chart spec={spec} height={Math.max(320, 40 + data.districts.length * 30)} />
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function DistrictPerformancePage() {
  const { slug, code } = districtPerformanceRoute.useParams();
  const search = districtPerformanceRoute.useSearch();
  const navigate = districtPerformanceRoute.useNavigate();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const rounds = useQuery(roundsQuery(slug));
  const performance = useQuery(districtPerformanceQuery(slug, code, search.round));
  const captionId = useId();
  const data = performance.data;
  useDocumentTitle(`${data?.name ?? code} performance`, agreement.shortName);
  const countyName = agreement.area.name;

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <Link to="/agreements/$slug/districts/$code" params={{ slug, code }}>
          {data?.name ?? code}
        </Link>
        <span aria-current="page">Performance</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">{agreement.name}</p>
        <Title order={1}>{data?.name ?? code} across every indicator</Title>
        <p>
          Each indicator&apos;s value in the district beside {countyName}&apos;s{data?.period ? ` for ${data.period}` : ""}, furthest behind the county first: where the district can
          make the greatest contribution.
        </p>
      </header>
      <RoundChooser rounds={rounds.data?.rounds ?? []} value={search.round} onChange={(round) => void navigate({ search: round ? { round } : {}, replace: true, resetScroll: false })} />
      {performance.isPending ? <Loading label="Loading the district's performance…" /> : null}
      {performance.isError ? <ErrorState error={performance.error} what="the district's performance" /> : null}
      {data ? (
        <>
          <IllustrativeNotice text={data.illustrative} />
          <ScrollRegion labelledBy={captionId}>
            <Table withTableBorder captionSide="top" data-testid="district-indicators">
              <Table.Caption id={captionId}>
                {data.name} against {countyName}, furthest behind first
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Indicator</Table.Th>
                  <Table.Th scope="col">{data.name}</Table.Th>
                  <Table.Th scope="col">{countyName}</Table.Th>
                  <Table.Th scope="col">Behind the county by</Table.Th>
                  <Table.Th scope="col">Rank among the districts</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.indicators.map((row) => (
                  <Table.Tr key={`${row.key}-${row.component}`} data-indicator={row.key}>
                    <Table.Th scope="row">
                      <Link to="/agreements/$slug/indicators/$key/districts" params={{ slug, key: row.key }} search={search.round ? { round: search.round } : {}}>
                        {row.code}
                      </Link>{" "}
                      {row.title}
                      {row.component !== "all" ? <span className="small"> ({row.component})</span> : null}
                    </Table.Th>
                    <Table.Td>
                      <Figure value={row.districtValue} unit={row.unit} />
                    </Table.Td>
                    <Table.Td>
                      <Figure value={row.countyValue} unit={row.unit} />
                    </Table.Td>
                    <Table.Td>{row.gap === null ? "—" : row.gap.startsWith("-") ? `Ahead by ${row.gap.slice(1)}%` : `${row.gap}%`}</Table.Td>
                    <Table.Td>{row.rank === null ? "—" : `${row.rank} of ${row.of}`}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          <p>
            <a href={districtPerformancePath(slug, code, search.round, "csv")} download>
              Download as CSV
            </a>
          </p>
        </>
      ) : null}
    </>
  );
}

export const indicatorDistrictsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/indicators/$key/districts",
  validateSearch: validateRoundSearch,
  loader: ({ context, params }) =>
    Promise.all([context.queryClient.ensureQueryData(agreementQuery(params.slug)), context.queryClient.ensureQueryData(agreementIndicatorQuery(params.slug, params.key))]),
  component: IndicatorDistrictsPage,
});

export const districtPerformanceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/districts/$code/performance",
  validateSearch: validateRoundSearch,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(agreementQuery(params.slug)),
  component: DistrictPerformancePage,
});
