/**
 * The open data of an agreement and its data dictionary (issue 10 §1, §3): the CSV and JSON to
 * download, every column described (from the domain's one list, the same the files are written
 * from), and one indicator's files for an Open SDG site.
 */
import { useId, useState } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { NativeSelect, Table, Title } from "@mantine/core";
import { openDataColumns, openDataMeasures } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";

const measureWords: Record<(typeof openDataMeasures)[number], string> = {
  baseline: "baselines",
  target: "targets",
  observation: "reported values",
};

function DataDictionaryPage() {
  const { slug } = dataDictionaryRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  useDocumentTitle("Open data", agreement.shortName);
  const captionId = useId();
  // Themes hold their indicators, blocks hold them in their outcomes; each once, in the agreement's order.
  const indicators = [
    ...new Map(
      agreement.themes
        .flatMap((theme) => [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)])
        .filter((indicator) => indicator.state === "active")
        .map((indicator) => [indicator.key, indicator]),
    ).values(),
  ];
  const [chosen, setChosen] = useState(indicators[0]?.key ?? "");
  const files = `/api/agreements/${slug}`;

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Open data</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>Open data and its data dictionary</Title>
        <p className="lead">
          Every baseline, target and reported value of {agreement.name}, one row per value, to use in a spreadsheet or a
          program without retyping. The CSV and the JSON have the same columns, described below.
        </p>
      </header>

      <section aria-labelledby="downloads-heading" className="section">
        <Title order={2} id="downloads-heading">
          Download
        </Title>
        <ul>
          <li>
            <a href={`${files}/data.csv`} download>
              {agreement.shortName} open data (CSV)
            </a>
          </li>
          <li>
            <a href={`${files}/data.json`} download>
              {agreement.shortName} open data (JSON)
            </a>
            , with the indicators' definitions beside the values
          </li>
        </ul>
        <p>
          Unless you are signed in with a role in this agreement, the files hold the values of published monitoring
          rounds only: a round's values are public once the partnership publishes its report.
        </p>
        <p>
          To narrow a file, add <code>?indicator=ni-47</code> for one indicator, or <code>?measure=</code> with{" "}
          {openDataMeasures.map((measure, index) => (
            <span key={measure}>
              {index > 0 ? (index === openDataMeasures.length - 1 ? " or " : ", ") : ""}
              <code>{measure}</code> ({measureWords[measure]})
            </span>
          ))}
          .
        </p>
      </section>

      <section aria-labelledby="columns-heading" className="section">
        <Title order={2} id="columns-heading">
          The columns
        </Title>
        <p>
          The CSV is UTF-8 with a header line. A text cell that a spreadsheet could read as a formula (starting with = + - or @)
          begins with an apostrophe; strip one leading apostrophe before those characters when you read the file with a program.
          Figures are never rounded.
        </p>
        <ScrollRegion labelledBy={captionId}>
          <Table withTableBorder captionSide="top" data-testid="data-dictionary">
            <Table.Caption id={captionId}>Columns of the {agreement.shortName} open data, in the order the CSV has them</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Column</Table.Th>
                <Table.Th scope="col">What it holds</Table.Th>
                <Table.Th scope="col">Example</Table.Th>
                <Table.Th scope="col">When it is empty</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {openDataColumns.map((column) => (
                <Table.Tr key={column.name}>
                  <Table.Th scope="row">
                    <code>{column.name}</code>
                  </Table.Th>
                  <Table.Td>{column.meaning}</Table.Td>
                  <Table.Td>
                    <code>{column.example}</code>
                  </Table.Td>
                  <Table.Td>{column.empty ?? "Never empty."}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="open-sdg-heading" className="section">
        <Title order={2} id="open-sdg-heading">
          For an Open SDG site
        </Title>
        <p>
          One indicator's values as an Open SDG data file (Year, Local authority, GeoCode, Value; the county's own value is the
          headline, with the district blank) and its metadata file, to put in the <code>data</code> and <code>meta</code> folders
          of an Open SDG data repository.
        </p>
        {indicators.length > 0 ? (
          <>
            <NativeSelect
              label="Indicator"
              value={chosen}
              onChange={(event) => setChosen(event.currentTarget.value)}
              data={indicators.map((indicator) => ({ value: indicator.key, label: `${indicator.code} ${indicator.title}` }))}
            />
            <ul>
              <li>
                <a href={`${files}/indicators/${chosen}/open-sdg/data.csv`} download data-testid="open-sdg-data">
                  Data file: indicator_{chosen}.csv
                </a>
              </li>
              <li>
                <a href={`${files}/indicators/${chosen}/open-sdg/metadata.md`} download>
                  Metadata file: {chosen}.md
                </a>
              </li>
            </ul>
          </>
        ) : (
          <p>This agreement has no indicators yet.</p>
        )}
      </section>

      <section aria-labelledby="command-line-heading" className="section">
        <Title order={2} id="command-line-heading">
          From the command line
        </Title>
        <p>On the server, the same files as the public gets them (add --unpublished for every round):</p>
        <pre className="command-lines">
          <code>
            {`npx accord export data --agreement ${slug} --format csv --out ${slug}-data.csv\n`}
            {`npx accord export opensdg --agreement ${slug} --indicator ${chosen || "ni-47"} --out open-sdg`}
          </code>
        </pre>
      </section>
    </>
  );
}

export const dataDictionaryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/data-dictionary",
  loader: ({ context, params }) => context.queryClient.ensureQueryData(agreementQuery(params.slug)),
  component: DataDictionaryPage,
});
