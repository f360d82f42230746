import { useId } from "react";
import { Table, VisuallyHidden } from "@mantine/core";
import type { AgreementIndicatorView, AgreementStatus } from "@accord/domain";
import { Flag } from "../../components/Flag";
import { ScrollRegion } from "../../components/ScrollRegion";
import { shortYear } from "../../words";
import { BaselineCell, IndicatorCell, PartnersCell, StatusCell, YearTargetsCell } from "./IndicatorParts";

/**
 * One theme of the submission template (seed 000 appendix): indicator (NIS marked *), baseline,
 * a target per financial year, partners signed up (lead marked *), and where negotiation stands.
 */
export function ThemeIndicatorTable({
  slug,
  caption,
  years,
  indicators,
  agreementStatus,
}: {
  slug: string;
  caption: string;
  years: string[];
  agreementStatus: AgreementStatus;
  indicators: AgreementIndicatorView[];
}) {
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={captionId}>
      <Table className="template-table" withTableBorder withColumnBorders verticalSpacing="sm" captionSide="top">
        <Table.Caption id={captionId}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className="col-indicator">
              Indicator
            </Table.Th>
            <Table.Th scope="col" className="col-baseline">
              Baseline
            </Table.Th>
            {years.map((year) => (
              <Table.Th scope="col" key={year} className="col-year">
                <VisuallyHidden component="span">Target </VisuallyHidden>
                <abbr title={year}>{shortYear(year)}</abbr>
              </Table.Th>
            ))}
            <Table.Th scope="col" className="col-partners">
              Partners
            </Table.Th>
            <Table.Th scope="col" className="col-status">
              Status
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {indicators.map((indicator) => (
            <Table.Tr key={indicator.id} className={indicator.state === "omitted" ? "row-omitted" : undefined} data-indicator={indicator.key}>
              <Table.Th scope="row" className="col-indicator">
                <IndicatorCell slug={slug} indicator={indicator} />
              </Table.Th>
              {indicator.state === "omitted" ? (
                <>
                  <Table.Td colSpan={years.length + 2} className="muted">
                    Not part of the agreement: no baseline, targets or partners.
                  </Table.Td>
                  <Table.Td>
                    <Flag tone="red">Omitted</Flag>
                  </Table.Td>
                </>
              ) : (
                <>
                  <Table.Td>
                    <BaselineCell indicator={indicator} />
                  </Table.Td>
                  {indicator.targets.length === 0 && indicator.targetNote ? (
                    <Table.Td colSpan={years.length}>{indicator.targetNote}</Table.Td>
                  ) : (
                    years.map((year) => (
                      <Table.Td key={year}>
                        <YearTargetsCell indicator={indicator} year={year} />
                      </Table.Td>
                    ))
                  )}
                  <Table.Td>
                    <PartnersCell partners={indicator.partners} />
                  </Table.Td>
                  <Table.Td>
                    <StatusCell indicator={indicator} agreementStatus={agreementStatus} />
                  </Table.Td>
                </>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
