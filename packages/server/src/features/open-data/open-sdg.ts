/**
 * One indicator for an Open SDG site (issue 10 §3), in the two files of an Open SDG data
 * repository as its documentation describes them (open-sdg docs/data-format.md,
 * metadata-format.md, indicator-configuration.md; sdg-build reads data/indicator_<id>.csv and
 * meta/<id>.md):
 *
 * - the data CSV: `Year` first, then the breakdown columns, then `GeoCode`, `Value` last; a
 *   blank breakdown means "all", so the county's own value — the headline an Open SDG page opens
 *   on — has every breakdown and its GeoCode blank, and each district is a `Local authority`
 *   with its ONS code. `Component` is a breakdown only for an indicator measured in parts.
 * - the metadata: a Markdown file whose YAML front matter holds the indicator's configuration
 *   (name, number, reporting status, chart, units, target lines, sources) and whose body says
 *   where the figures come from.
 *
 * `Year` holds the period as Accord writes it ("2008/09 H1"): monitoring is six-monthly, and Open
 * SDG takes any time series in that column, not only whole years (docs/non-sdg.md "Time
 * series"); a financial year ("2008/09") or half sorts in time order as text. Only stored values
 * are written, never a county worked out from its districts, and only those the reader may see.
 */
import { stringify } from "yaml";
import { isDecimal, normaliseDecimal } from "@accord/domain";
import type { Db } from "../../db/client.js";
import type { AgreementStamp } from "../agreements/freshness.js";
import { readAgreementView } from "../agreements/readable.js";
import type { Visibility } from "../performance/queries.js";
import { figureCell, textCell } from "./csv.js";
import { chooseIndicators, readAreaNames, readObservedValues } from "./service.js";

export const openSdgGeographyColumn = "Local authority";

export interface OpenSdgFiles {
  /** The indicator's id in the Open SDG site, from its key: "ni-47". */
  id: string;
  /** data/indicator_ni-47.csv */
  dataPath: string;
  data: string;
  /** meta/ni-47.md */
  metadataPath: string;
  metadata: string;
}

/** Open SDG's checks refuse leading or trailing spaces in a breakdown. */
function category(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

export async function openSdgFilesFor(db: Db, stamp: AgreementStamp, visibility: Visibility, key: string): Promise<OpenSdgFiles> {
  const agreement = await readAgreementView(db, stamp);
  const [indicator] = chooseIndicators(agreement, key, "key");
  if (indicator === undefined) throw new Error("chooseIndicators gives one indicator or refuses");
  const county = agreement.detail.area;
  const observed = (await readObservedValues(db, stamp, visibility, county.code)).filter((value) => value.agreementIndicatorId === indicator.id);
  const names = await readAreaNames(db, [...new Set(observed.map((value) => value.areaCode))]);

  const byComponent = observed.some((value) => value.component !== "all");
  const byArea = observed.some((value) => value.areaCode !== county.code);
  const header = ["Year", ...(byComponent ? ["Component"] : []), ...(byArea ? [openSdgGeographyColumn, "GeoCode"] : []), "Value"];
  const lines = [header.map(textCell).join(",")];
  for (const value of observed) {
    const headline = value.areaCode === county.code;
    const cells = [textCell(category(value.period.label))];
    if (byComponent) cells.push(textCell(value.component === "all" ? "" : category(value.component)));
    if (byArea) cells.push(textCell(headline ? "" : category(names.get(value.areaCode) ?? value.areaCode)), textCell(headline ? "" : value.areaCode));
    cells.push(figureCell(value.value));
    lines.push(cells.join(","));
  }
  // Open SDG reads a plain CSV: no byte order mark, which would become part of "Year".
  const data = `${lines.join("\r\n")}\r\n`;

  const targets = indicator.targets.filter((target) => target.value !== null && target.component === "all");
  const sources = [...new Set(observed.map((value) => value.source).filter((source): source is string => source !== null))];
  const baseline = indicator.baselines.find((one) => one.component === "all") ?? indicator.baselines[0];
  const configuration: Record<string, unknown> = {
    indicator_number: indicator.code,
    indicator_name: indicator.title,
    indicator_available: `${indicator.title} (${agreement.detail.name})`,
    // Not an SDG: no goal or target above it (docs/indicator-configuration.md "standalone").
    standalone: true,
    permalink: `/${indicator.key}/`,
    reporting_status: observed.length > 0 ? "complete" : "notstarted",
    data_non_statistical: false,
    graph_type: "line",
    graph_title: `${indicator.code}: ${indicator.title}, ${county.name}`,
    ...(indicator.unit ? { computation_units: indicator.unit } : {}),
    national_geographical_coverage: county.name,
    sources: [
      {
        organisation: agreement.detail.responsibleAuthority.name,
        periodicity: "Six-monthly monitoring rounds",
        geographical_coverage: `${county.name} and its districts`,
        ...(indicator.dataSource ? { other_info: indicator.dataSource } : {}),
      },
    ],
    ...(sources.length > 0 ? { data_footnote: sources.join("; ") } : {}),
  };
  const body = [
    `# ${indicator.code}: ${indicator.title}`,
    `From ${agreement.detail.name}, as recorded in Accord.`,
    baseline ? `Baseline: ${baseline.value}${baseline.period ? ` (${baseline.period})` : ""}, written "${baseline.written}".` : null,
    ...indicator.targets.map((target) => `Target for ${target.year}${target.component === "all" ? "" : ` (${target.component})`}: ${target.value ?? "not yet worked out"}, written "${target.written}".`),
    visibility === "published" ? "Values of published monitoring rounds only." : null,
  ].filter((line): line is string => line !== null);
  // yaml's stringify quotes whatever YAML would otherwise read as something else. A target line
  // is drawn at a number, so its value is written as a YAML number, from the exact decimal text
  // (never through a JavaScript float: 591.5 stays 591.5, 0.1 stays 0.1).
  const targetLines = targets.flatMap((target) =>
    target.value !== null && isDecimal(target.value)
      ? [`  - value: ${normaliseDecimal(target.value)}`, `    label_content: ${JSON.stringify(`${target.year} target: ${target.value}`)}`]
      : [],
  );
  const front = `${stringify(configuration, { lineWidth: 0 })}${targetLines.length > 0 ? `graph_target_lines:\n${targetLines.join("\n")}\n` : ""}`;
  const metadata = `---\n${front}---\n\n${body.join("\n\n")}\n`;
  return { id: indicator.key, dataPath: `data/indicator_${indicator.key}.csv`, data, metadataPath: `meta/${indicator.key}.md`, metadata };
}
