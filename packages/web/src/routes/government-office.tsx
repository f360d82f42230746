/**
 * The Government Office view (issue 10 §5): every agreement the reader may read, of one region
 * or all, side by side — status, position on target-setting, the RAG counts of the latest round,
 * returns late; and one indicator across agreements, ranked by the improvement each final target
 * plans on its baseline, so a negotiator sees which offers are unambitious. The region chosen is
 * kept in the address, so the view can be bookmarked and sent on.
 */
import { useId } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { NativeSelect, Table, Title } from "@mantine/core";
import { governmentOfficeRegions, regionCodes } from "@accord/domain";
import type { RegionCode } from "@accord/domain";
import { rootRoute } from "./root";
import { acrossAgreementsPath, acrossAgreementsQuery, overviewQuery } from "../features/government-office/queries";
import type { AcrossAgreementsRow } from "../features/government-office/contracts";
import { Figure, IllustrativeNotice, PerformanceFlag, performanceStatusNames } from "../features/performance/parts";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ErrorState } from "../components/ErrorState";
import { Loading } from "../components/Loading";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { agreementStatusWords, plural } from "../words";

interface RegionSearch {
  region?: RegionCode;
}

function validateRegionSearch(search: Record<string, unknown>): RegionSearch {
  const region = regionCodes.find((code) => code === search.region);
  return region === undefined ? {} : { region };
}

/** The nine regions are the domain's, so the choice in the address shows before the answer arrives. */
function RegionChooser({ value, onChange }: { value: string | undefined; onChange: (region: RegionCode | undefined) => void }) {
  return (
    <div className="filters" role="group" aria-label="Choose the region">
      <NativeSelect
        label="Government Office region"
        value={value ?? ""}
        onChange={(event) => onChange(validateRegionSearch({ region: event.currentTarget.value }).region)}
        data={[{ value: "", label: "Every region (England)" }, ...governmentOfficeRegions.map((region) => ({ value: region.code, label: `${region.name} (${region.abbreviation})` }))]}
      />
    </div>
  );
}

const ragOrder = ["target-met", "green", "amber", "red", "grey"] as const;

function GovernmentOfficePage() {
  const search = governmentOfficeRoute.useSearch();
  const navigate = governmentOfficeRoute.useNavigate();
  const overview = useQuery(overviewQuery(search.region));
  const captionId = useId();
  const data = overview.data;
  const where = data?.region ? `the ${data.region.name}` : "England";
  useDocumentTitle(data?.region ? `Government Office view: ${data.region.name}` : "Government Office view");

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <span aria-current="page">Government Office view</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>Government Office view</Title>
        <p className="lead">
          Every agreement you may read side by side: where negotiation stands, how the latest monitoring round went, and how many returns are late. To compare one indicator across
          agreements, open it in the <Link to="/indicators">indicator catalogue</Link>.
        </p>
      </header>
      <RegionChooser
        value={search.region}
        onChange={(region) => void navigate({ search: region ? { region } : {}, replace: true, resetScroll: false })}
      />
      {overview.isPending ? <Loading label="Reading the agreements…" /> : null}
      {overview.isError ? <ErrorState error={overview.error} what="the Government Office view" /> : null}
      {data ? (
        data.agreements.length === 0 ? (
          <p role="status">There are no agreements you may read in {where}.</p>
        ) : (
          <ScrollRegion labelledBy={captionId}>
            <Table withTableBorder captionSide="top" data-testid="government-office-view">
              <Table.Caption id={captionId}>
                {plural(data.agreements.length, "agreement")} in {where}: position on target-setting (designated indicators; statutory ones apart) and the latest monitoring round
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Agreement</Table.Th>
                  <Table.Th scope="col">Area</Table.Th>
                  <Table.Th scope="col">Region</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Agreed with the Government Office</Table.Th>
                  <Table.Th scope="col">Under discussion</Table.Th>
                  <Table.Th scope="col">After the deadline</Table.Th>
                  <Table.Th scope="col">Statutory agreed</Table.Th>
                  <Table.Th scope="col">Latest round</Table.Th>
                  {ragOrder.map((status) => (
                    <Table.Th scope="col" key={status}>
                      {performanceStatusNames[status]}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">Returns late</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.agreements.map((agreement) => (
                  <Table.Tr key={agreement.slug} data-agreement={agreement.slug}>
                    <Table.Th scope="row">
                      <Link to="/agreements/$slug" params={{ slug: agreement.slug }}>
                        {agreement.name}
                      </Link>{" "}
                      <span className="small">{agreement.years}</span>
                    </Table.Th>
                    <Table.Td>{agreement.area.name}</Table.Td>
                    <Table.Td>{agreement.region ? `${agreement.region.name} (${agreement.region.abbreviation})` : agreement.governmentOffice.name}</Table.Td>
                    <Table.Td>{agreementStatusWords[agreement.status]}</Table.Td>
                    <Table.Td>
                      {agreement.position.agreedWithGovernmentOffice} of {agreement.position.total}
                    </Table.Td>
                    <Table.Td>{agreement.position.underDiscussion}</Table.Td>
                    <Table.Td>{agreement.position.afterDeadline}</Table.Td>
                    <Table.Td>
                      {agreement.position.statutoryAgreed} of {agreement.position.statutoryAgreed + agreement.position.statutoryToBeAgreed}
                    </Table.Td>
                    <Table.Td>
                      {agreement.round ? (
                        <Link to="/agreements/$slug/performance" params={{ slug: agreement.slug }}>
                          {agreement.round.period}
                        </Link>
                      ) : (
                        <span className="muted">No round yet</span>
                      )}
                    </Table.Td>
                    {/* With no round there is nothing to count: a column of "not assessed" would read as a verdict. */}
                    {ragOrder.map((status) => (
                      <Table.Td key={status}>{agreement.round ? agreement.rag[status] : "—"}</Table.Td>
                    ))}
                    <Table.Td>{agreement.round ? agreement.returnsLate : "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )
      ) : null}
    </>
  );
}

function improvementWords(row: AcrossAgreementsRow): string {
  if (row.plannedImprovement === null) return "Cannot be worked out";
  if (row.change === "no-change") return "No change planned";
  const worse = row.plannedImprovement.startsWith("-");
  const share = worse ? row.plannedImprovement.slice(1) : row.plannedImprovement;
  return `${share}% ${row.change ?? "change"}${worse ? " (worse than the baseline)" : ""}`;
}

function AcrossAgreementsPage() {
  const { key } = acrossAgreementsRoute.useParams();
  const search = acrossAgreementsRoute.useSearch();
  const navigate = acrossAgreementsRoute.useNavigate();
  const comparison = useQuery(acrossAgreementsQuery(key, search.region));
  const captionId = useId();
  const data = comparison.data;
  const code = data?.indicator.code ?? key;
  const where = data?.region ? `the ${data.region.name}` : "England";
  useDocumentTitle(`${code} across agreements`, "Indicator catalogue");

  return (
    <>
      <Breadcrumbs>
        <Link to="/indicators">Indicator catalogue</Link>
        <Link to="/indicators/$key" params={{ key }}>
          {code}
        </Link>
        <span aria-current="page">Across agreements</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">The same indicator across agreements</p>
        <Title order={1}>
          {code} {data?.indicator.title ?? ""} across agreements
        </Title>
        <p>
          Each agreement&apos;s baseline, final target and the improvement it plans as a share of the baseline, largest first: the offers at the bottom ask least. Beside them, the
          latest value reported and its status.
        </p>
      </header>
      <RegionChooser
        value={search.region}
        onChange={(region) => void navigate({ search: region ? { region } : {}, replace: true, resetScroll: false })}
      />
      {comparison.isPending ? <Loading label="Comparing the agreements…" /> : null}
      {comparison.isError ? <ErrorState error={comparison.error} what="the comparison" /> : null}
      {data ? (
        <>
          <IllustrativeNotice text={data.illustrative} />
          {data.agreements.length === 0 ? (
            <p role="status">
              No agreement you may read in {where} has {code}.
            </p>
          ) : (
            <ScrollRegion labelledBy={captionId}>
              <Table withTableBorder captionSide="top" data-testid="across-agreements">
                <Table.Caption id={captionId}>
                  {code} in {plural(data.agreements.length, "agreement")} in {where}, ranked by planned improvement: 1 plans the most
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Rank</Table.Th>
                    <Table.Th scope="col">Agreement</Table.Th>
                    <Table.Th scope="col">Region</Table.Th>
                    <Table.Th scope="col">Baseline</Table.Th>
                    <Table.Th scope="col">Final target</Table.Th>
                    <Table.Th scope="col">Planned improvement (share of the baseline)</Table.Th>
                    <Table.Th scope="col">Latest value</Table.Th>
                    <Table.Th scope="col">Progress</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.agreements.map((row) => (
                    <Table.Tr key={row.slug} data-agreement={row.slug}>
                      <Table.Td>{row.rank ?? "—"}</Table.Td>
                      <Table.Th scope="row">
                        <Link to="/agreements/$slug/indicators/$key" params={{ slug: row.slug, key }}>
                          {row.name}
                        </Link>
                        {row.component !== "all" ? <span className="small"> ({row.component})</span> : null}
                      </Table.Th>
                      <Table.Td>{row.region ? row.region.name : row.governmentOffice.name}</Table.Td>
                      <Table.Td>
                        <Figure value={row.baseline} unit={row.unit} />
                      </Table.Td>
                      <Table.Td>
                        {row.finalTarget ? (
                          <>
                            <Figure value={row.finalTarget.value} unit={row.unit} /> <span className="small">by {row.finalTarget.year}</span>
                          </>
                        ) : (
                          <span className="muted">No target</span>
                        )}
                      </Table.Td>
                      <Table.Td>{improvementWords(row)}</Table.Td>
                      <Table.Td>
                        <Figure value={row.latest.value} unit={row.unit} />
                        {row.latest.period ? <span className="small"> ({row.latest.period})</span> : null}
                      </Table.Td>
                      <Table.Td>{row.latest.progress === null ? "—" : `${row.latest.progress}%`}</Table.Td>
                      <Table.Td>
                        <PerformanceFlag status={row.latest.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )}
          <p>
            <a href={acrossAgreementsPath(key, search.region, "csv")} download>
              Download the comparison as CSV
            </a>
          </p>
        </>
      ) : null}
    </>
  );
}

export const governmentOfficeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/government-office",
  validateSearch: validateRegionSearch,
  component: GovernmentOfficePage,
});

export const acrossAgreementsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/indicators/$key/across-agreements",
  validateSearch: validateRegionSearch,
  component: AcrossAgreementsPage,
});
