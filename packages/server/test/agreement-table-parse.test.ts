import { describe, expect, it } from "vitest";
import { parseAgreementTable, problemText } from "../src/features/agreement-import/parse.js";
import { parseCsv } from "../src/features/returns/template-csv.js";

// A district council's layout, not Kent's: code and title in one cell, NIs starred, the baseline's
// period in brackets, a column per year, words where no figure is agreed, refresh status and notes.
const councilCsv = [
  "Northshire Local Area Agreement 2008-11,,,,,,,",
  "Indicator,Baseline,Target 2008/09,Target 2009/10,Target 2010/11,Lead and partners,Refresh status,Notes",
  "Safer communities,,,,,,,",
  '"NI 47* People killed or seriously injured in road traffic accidents","1183 (2005-07 average)",1100,2% reduction,"592 (50% reduction)","Northshire County Council*, Northshire Police",Retained,Casualty figures from STATS19',
  'NI 188 * Planning to adapt to climate change,Level 0,Level 1,Level 2,Level 3,Northshire County Council*,Retained,',
  "LOC 4 Older people helped to live at home,New PI,TBC,N/A,2% increase,Northshire Care Trust*,New,Local indicator",
].join("\r\n");

describe("reading an agreement's table", () => {
  it("reads a council's layout: codes, stars, baselines with periods, targets per year and the words kept", () => {
    const table = parseAgreementTable(parseCsv(councilCsv));
    expect(table.problems).toEqual([]);
    expect(table.title).toBe("Northshire Local Area Agreement 2008-11");
    expect(table.years).toEqual(["2008/09", "2009/10", "2010/11"]);
    const [ni47, ni188, local] = table.rows;
    expect(ni47).toMatchObject({
      row: 4,
      theme: "Safer communities",
      code: "NI 47",
      title: "People killed or seriously injured in road traffic accidents",
      nationalIndicatorSet: true,
      baselines: [{ component: "all", value: "1183", period: "2005-07 average", written: "1183 (2005-07 average)" }],
      refreshStatus: "Retained",
      notes: ["Casualty figures from STATS19"],
    });
    expect(ni47?.targets.map((target) => [target.year, target.target, target.written])).toEqual([
      ["2008/09", { form: "absolute", value: "1100" }, "1100"],
      ["2009/10", { form: "relative", direction: "reduction", change: "2", changeUnit: "percent" }, "2% reduction"],
      ["2010/11", { form: "relative", direction: "reduction", change: "50", changeUnit: "percent" }, "592 (50% reduction)"],
    ]);
    expect(ni47?.partners).toEqual([
      { name: "Northshire County Council", role: "lead", detail: null },
      { name: "Northshire Police", role: null, detail: null },
    ]);
    expect(ni188?.baselines[0]).toMatchObject({ value: "0", unit: "level", written: "Level 0" });
    expect(ni188?.targets.map((target) => target.target)).toEqual([
      { form: "level", level: "1" },
      { form: "level", level: "2" },
      { form: "level", level: "3" },
    ]);
    expect(local).toMatchObject({ code: "LOC 4", nationalIndicatorSet: false, baselinePending: { reason: "New PI", written: "New PI" } });
    expect(local?.targetWording).toEqual([
      { year: "2008/09", written: "TBC" },
      { year: "2009/10", written: "N/A" },
    ]);
    expect(local?.targets).toHaveLength(1);
  });

  it("lists every problem by row and column", () => {
    const csv = [
      "Code,Title,Baseline,08/09,09/10",
      "NI 47,Road casualties,\"12,x\",1100,\"1,10O\"",
      "Road safety,extra,,,",
      "NI 47,Again,100,90,80",
    ].join("\n");
    const table = parseAgreementTable(parseCsv(csv));
    expect(table.problems.map(problemText)).toEqual([
      "row 2, column 'Baseline': '12,x' is not a number",
      "row 2, column '09/10': '1,10O' is not a target: write a number, a change such as '2% increase', or 'Level 3'",
      "row 3, column 'Code': 'Road safety' does not start with an indicator code such as NI 47",
      "row 4, column 'Code': NI 47 is already on row 2",
    ]);
  });

  it("says when the table has no headings it can read", () => {
    const table = parseAgreementTable(parseCsv("a,b\n1,2"));
    expect(table.problems.map(problemText)).toEqual([
      "No row of the table has the headings: it needs an Indicator (or Code) column and a Baseline column.",
    ]);
  });
});
