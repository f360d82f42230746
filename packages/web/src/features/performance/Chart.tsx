/**
 * A monitoring chart from its ChartSpec (domain charts.ts): the picture drawn by ECharts as SVG,
 * its sentence as the text alternative, and the same figures as a table in a disclosure beside it
 * (anchor: Open SDG's accessible charts). The picture is named by the spec's title and described
 * by its sentence; the table is for anyone who wants the numbers (WCAG 1.1.1, 1.4.1).
 */
import { useEffect, useId, useRef, useState } from "react";
import type { ChartSpec } from "@accord/domain";
import { Table } from "@mantine/core";
import { ScrollRegion } from "../../components/ScrollRegion";
import "./performance.css";

export function Chart({ spec, height = 360 }: { spec: ChartSpec; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"drawing" | "drawn" | "failed">("drawing");
  const titleId = useId();
  const descriptionId = useId();
  const tableCaptionId = useId();

  useEffect(() => {
    const target = element.current;
    if (!target) return;
    let disposed = false;
    let dispose = () => {};
    import("./draw-chart")
      .then(({ drawChart }) => {
        if (disposed) return;
        const chart = drawChart(target, spec.options);
        const observer = new ResizeObserver(() => chart.resize());
        observer.observe(target);
        dispose = () => {
          observer.disconnect();
          chart.dispose();
        };
        setState("drawn");
      })
      .catch(() => {
        if (!disposed) setState("failed");
      });
    return () => {
      disposed = true;
      dispose();
    };
  }, [spec]);

  return (
    <figure className="chart" data-chart={spec.title}>
      <figcaption className="chart__caption">
        <span id={titleId} className="chart__title">
          {spec.title}
        </span>
        <span id={descriptionId} className="chart__description">
          {spec.description}
        </span>
      </figcaption>
      <div
        ref={element}
        className="chart__picture"
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        aria-busy={state === "drawing"}
        style={{ height }}
      />
      {state === "failed" ? <p className="small">The chart could not be drawn; its figures are in the table below.</p> : null}
      <details className="chart__table">
        <summary>Show the figures as a table</summary>
        <ScrollRegion labelledBy={tableCaptionId}>
          <Table withTableBorder captionSide="top">
            <Table.Caption id={tableCaptionId}>{spec.table.caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {spec.table.columns.map((column) => (
                  <Table.Th key={column} scope="col">
                    {column}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {spec.table.rows.map((row, index) => (
                <Table.Tr key={index}>
                  {row.map((cell, column) =>
                    column === 0 ? (
                      <Table.Th key={column} scope="row">
                        {cell}
                      </Table.Th>
                    ) : (
                      <Table.Td key={column}>{cell}</Table.Td>
                    ),
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </details>
    </figure>
  );
}
