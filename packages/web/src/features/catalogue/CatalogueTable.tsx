import { Fragment, useId } from "react";
import { Link } from "@tanstack/react-router";
import { Table } from "@mantine/core";
import type { IndicatorDefinitionView } from "@accord/domain";
import { ScrollRegion } from "../../components/ScrollRegion";
import { Flag } from "../../components/Flag";
import { indicatorKindWords, indicatorSourceWords, polarityWords } from "../../words";

function DefinitionTitle({ definition }: { definition: IndicatorDefinitionView }) {
  if (definition.titleStatus === "unknown") {
    return (
      <>
        <Flag tone="amber">Title not known</Flag>
        {definition.title ? <span className="muted"> {definition.title}</span> : null}
      </>
    );
  }
  return (
    <>
      {definition.title}
      {definition.titleStatus === "incomplete" ? (
        <>
          {" "}
          <Flag tone="amber">Title incomplete</Flag>
        </>
      ) : null}
    </>
  );
}

export function CatalogueTable({ definitions }: { definitions: IndicatorDefinitionView[] }) {
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={captionId}>
      <Table withTableBorder withColumnBorders captionSide="top" className="catalogue-table">
        <Table.Caption id={captionId}>Indicator definitions</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Code</Table.Th>
            <Table.Th scope="col">Title</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col">Which way is better</Table.Th>
            <Table.Th scope="col">Used in</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {definitions.map((definition) => (
            <Table.Tr key={definition.key}>
              <Table.Th scope="row" className="nowrap">
                <Link to="/indicators/$key" params={{ key: definition.key }}>
                  {definition.code}
                </Link>
              </Table.Th>
              <Table.Td>
                <DefinitionTitle definition={definition} />
              </Table.Td>
              <Table.Td>{indicatorSourceWords[definition.source]}</Table.Td>
              <Table.Td>{polarityWords[definition.polarity]}</Table.Td>
              <Table.Td>
                {definition.usedIn.length === 0 ? (
                  <span className="muted">Not used</span>
                ) : (
                  definition.usedIn.map((use, index) => (
                    <Fragment key={`${use.agreement}-${index}`}>
                      {index > 0 ? <br /> : null}
                      <Link to="/agreements/$slug/indicators/$key" params={{ slug: use.agreement, key: definition.key }}>
                        {use.shortName}
                      </Link>{" "}
                      <span className="small">
                        ({indicatorKindWords[use.kind].toLowerCase()}
                        {use.state === "omitted" ? ", omitted" : ""})
                      </span>
                    </Fragment>
                  ))
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
