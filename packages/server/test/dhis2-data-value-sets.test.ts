/**
 * DHIS2 dataValueSets (issue 10 point 2) through the API on both databases. The files are written
 * here as the DHIS2 Web API documents them ("Sending bulks of data values": JSON with period and
 * org unit on each value; the CSV with DHIS2's heading row, read by position), for KA2's 2010/11
 * H1 round (DHIS2 period 2010AprilS1), a period the demo's own rounds do not hold.
 */
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
let officer: Session;
let viewer: Session;
let partner: Session;

const kent = "E10000016";
const thanet = "E07000114";
const ashford = "E07000105";
const dover = "E07000108";
const round = "/api/agreements/kent-ka2/rounds/2010-11-h1";

interface Identifier {
  kind: string;
  code: string;
  id: string;
  set: boolean;
}
let identifiers: Identifier[];
const idOf = (kind: string, code: string): string => {
  const found = identifiers.find((one) => one.kind === kind && one.code === code);
  if (!found) throw new Error(`no ${kind} ${code}`);
  return found.id;
};

interface Summary {
  status: string;
  dryRun: boolean;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  conflicts: { object: string; value: string; property: string; indexes: number[] }[];
}

async function post(session: Session | null, payload: string | object, contentType = "application/json", query = "") {
  const response = await api.app.inject({
    method: "POST",
    url: `/api/dataValueSets${query}`,
    headers: {
      "content-type": contentType,
      ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrfToken } : {}),
    },
    payload: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
  return { status: response.statusCode, body: response.json<Summary>() };
}

async function download(format: "json" | "csv", session: Session | null = manager) {
  return api.app.inject({ method: "GET", url: `${round}/dataValueSets?format=${format}`, headers: session ? { cookie: session.cookie } : {} });
}

/** NI 47's recorded value for an area in 2010/11 H1, as the indicator's observations answer gives it. */
async function ni47(area: string): Promise<{ value: string; note: string | null; version: number } | null> {
  const response = await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-47/observations" });
  const periods = response.json<{ periods: { period: { label: string }; county: { recorded: { value: string; note: string | null; version: number } | null }; districts: { area: string; observation: { value: string; note: string | null; version: number } | null }[] }[] }>().periods;
  const period = periods.find((one) => one.period.label === "2010/11 H1");
  if (!period) return null;
  if (area === kent) return period.county.recorded;
  return period.districts.find((one) => one.area === area)?.observation ?? null;
}

/** Everything a refused file or a dry run must leave as it was. */
async function state(): Promise<{ observations: string; audit: number }> {
  const rows = await queryRows(api.database.db, sql`select string_agg(id || ':' || value || ':' || version, ',' order by id) as o from observations`);
  const [audit] = await queryRows(api.database.db, sql`select count(*)::int as n from audit_events`);
  return { observations: String(rows[0]?.o), audit: Number(audit?.n) };
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  viewer = await signIn(api.app, "member@kent.example");
  partner = await signIn(api.app, "partner@kent-police.example");
  const opened = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/rounds", body: { period: "2010/11 H1" } });
  expect(opened.status).toBe(201);
  const listed = await send(api.app, manager, { method: "GET", url: "/api/dhis2/identifiers" });
  expect(listed.status).toBe(200);
  identifiers = listed.json<{ identifiers: Identifier[] }>().identifiers;
});
afterAll(async () => {
  await api?.close();
});

describe("the DHIS2 identifiers", () => {
  it("give every indicator, component, area and agreement a DHIS2 UID, the same on every installation", async () => {
    for (const kind of ["dataElement", "categoryOptionCombo", "orgUnit", "attributeOptionCombo"]) {
      expect(identifiers.filter((one) => one.kind === kind).length).toBeGreaterThan(0);
    }
    for (const one of identifiers) expect(one.id).toMatch(/^[A-Za-z][A-Za-z0-9]{10}$/);
    expect(new Set(identifiers.filter((one) => one.kind === "orgUnit").map((one) => one.id)).size).toBe(identifiers.filter((one) => one.kind === "orgUnit").length);
    const again = await createTestApp();
    try {
      const other = await signIn(again.app, "manager@kent-partnership.example");
      const listed = await send(again.app, other, { method: "GET", url: "/api/dhis2/identifiers" });
      expect(listed.json<{ identifiers: Identifier[] }>().identifiers).toEqual(identifiers);
    } finally {
      await again.close();
    }
  });

  it("are a manager's: an officer is refused (403), the public must sign in (401)", async () => {
    expect((await send(api.app, officer, { method: "GET", url: "/api/dhis2/identifiers" })).status).toBe(403);
    expect((await send(api.app, null, { method: "GET", url: "/api/dhis2/identifiers" })).status).toBe(401);
    const change = { version: 0, changes: [{ kind: "orgUnit", code: thanet, id: "ThanetDHIS1" }] };
    expect((await send(api.app, officer, { method: "PUT", url: "/api/dhis2/identifiers", body: change })).status).toBe(403);
  });
});

describe("importing a DHIS2 data value set", () => {
  it("imports KA2's values from JSON in DHIS2's layout, and they appear in NI 47's observations and performance", async () => {
    const file = {
      dataValues: [
        { dataElement: idOf("dataElement", "NI 47"), period: "2010AprilS1", orgUnit: idOf("orgUnit", thanet), categoryOptionCombo: idOf("categoryOptionCombo", "all"), attributeOptionCombo: idOf("attributeOptionCombo", "kent-ka2"), value: "57", comment: "From the county's DHIS2" },
        { dataElement: idOf("dataElement", "NI 47"), period: "2010AprilS1", orgUnit: idOf("orgUnit", ashford), categoryOptionCombo: idOf("categoryOptionCombo", "all"), value: "54" },
        // No attribute option combo and no category option combo: the one agreement reporting NI 47 for Kent, all persons.
        { dataElement: idOf("dataElement", "NI 47"), period: "2010AprilS1", orgUnit: idOf("orgUnit", kent), value: "640" },
      ],
    };
    const { status, body } = await post(manager, file);
    expect(body.conflicts).toEqual([]);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "SUCCESS", dryRun: false, importCount: { imported: 3, updated: 0, ignored: 0, deleted: 0 } });
    expect(await ni47(thanet)).toMatchObject({ value: "57", note: "From the county's DHIS2", version: 1 });
    expect(await ni47(ashford)).toMatchObject({ value: "54" });
    expect(await ni47(kent)).toMatchObject({ value: "640" });
    const performance = await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-47/performance" });
    expect(performance.status).toBe(200);
    const periods = performance.json<{ periods: { period: string; actual: string | null; status: string; districts: { area: string; value: string | null }[] }[] }>().periods;
    const h1 = periods.find((one) => one.period === "2010/11 H1");
    expect(h1?.actual).toBe("640");
    expect(h1?.status).not.toBe("grey");
    expect(h1?.districts.find((one) => one.area === thanet)?.value).toBe("57");
  });

  it("imports CSV in DHIS2's column order, as the indicator's officer: new values imported, changed ones updated", async () => {
    const [de, coc, aoc] = [idOf("dataElement", "NI 47"), idOf("categoryOptionCombo", "all"), idOf("attributeOptionCombo", "kent-ka2")];
    const csv = [
      '"dataelement","period","orgunit","catoptcombo","attroptcombo","value","storedby","lastupdated","comment","followup"',
      `"${de}","2010AprilS1","${idOf("orgUnit", thanet)}","${coc}","${aoc}","58","bombali","2010-10-17","Corrected count","false"`,
      `"${de}","2010AprilS1","${idOf("orgUnit", dover)}","${coc}","${aoc}","61","bombali","2010-10-17",,"false"`,
      // Exactly what is recorded: ignored, as DHIS2 ignores an unchanged value.
      `"${de}","2010AprilS1","${idOf("orgUnit", ashford)}","${coc}","${aoc}","54","bombali","2010-10-17",,"false"`,
    ].join("\n");
    const { status, body } = await post(officer, csv, "application/csv");
    expect(body.conflicts).toEqual([]);
    expect(status).toBe(200);
    expect(body.importCount).toEqual({ imported: 1, updated: 1, ignored: 1, deleted: 0 });
    expect(await ni47(thanet)).toMatchObject({ value: "58", note: "Corrected count", version: 2 });
    expect(await ni47(dover)).toMatchObject({ value: "61", version: 1 });
    expect(await ni47(ashford)).toMatchObject({ value: "54", version: 1 });
  });

  it("reads Accord's own codes with idScheme=code, as DHIS2 reads codes", async () => {
    // A value sent as a JSON number is read as the same figure.
    const { status, body } = await post(manager, { idScheme: "CODE", dataValues: [{ dataElement: "NI 47", period: "2010AprilS1", orgUnit: "29UN", value: 58 }] });
    expect(status).toBe(200);
    // Thanet (29UN as the ONS code of 2008) already has 58 from the CSV.
    expect(body.importCount).toEqual({ imported: 0, updated: 0, ignored: 1, deleted: 0 });
  });
});

describe("the export of a round", () => {
  it("is DHIS2 JSON that imports back with nothing imported or updated", async () => {
    const response = await download("json");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toBe('attachment; filename="kent-ka2-2010-11-h1-datavalueset.json"');
    const file = response.json<{ dataValues: Record<string, unknown>[] }>();
    const thanetValue = file.dataValues.find((one) => one.orgUnit === idOf("orgUnit", thanet));
    expect(thanetValue).toMatchObject({
      dataElement: idOf("dataElement", "NI 47"),
      period: "2010AprilS1",
      categoryOptionCombo: idOf("categoryOptionCombo", "all"),
      attributeOptionCombo: idOf("attributeOptionCombo", "kent-ka2"),
      value: "58",
      storedBy: "officer.ni47@kent-partnership.example",
      comment: "Corrected count",
      followup: false,
    });
    expect(file.dataValues).toHaveLength(4);
    const before = await state();
    const { status, body } = await post(officer, response.body);
    expect(status).toBe(200);
    expect(body.importCount).toEqual({ imported: 0, updated: 0, ignored: 4, deleted: 0 });
    expect(await state()).toEqual(before);
  });

  it("is DHIS2 CSV, DHIS2's columns in DHIS2's order, that imports back with nothing imported or updated", async () => {
    const response = await download("csv");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/csv/);
    const lines = response.body.trim().split("\n");
    expect(lines[0]).toBe("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup");
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    expect(rows.find((row) => row.orgunit === idOf("orgUnit", kent))).toMatchObject({ dataelement: idOf("dataElement", "NI 47"), period: "2010AprilS1", value: "640", followup: "false" });
    const before = await state();
    const { status, body } = await post(manager, response.body, "text/csv");
    expect(status).toBe(200);
    expect(body.importCount).toEqual({ imported: 0, updated: 0, ignored: 4, deleted: 0 });
    expect(await state()).toEqual(before);
  });

  it("is the public's once the round is published, not before (404)", async () => {
    expect((await download("json", null)).statusCode).toBe(404);
    const published = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/rounds/2008-09-h1/dataValueSets?format=csv" });
    expect(published.statusCode).toBe(200);
    expect(published.body.split("\n").length).toBeGreaterThan(100);
    expect(published.body).toContain("2008AprilS1");
  });
});

describe("a refused file", () => {
  it("with an unknown org unit and a bad period is refused whole, every conflict listed, nothing changed", async () => {
    const [de, coc] = [idOf("dataElement", "NI 47"), idOf("categoryOptionCombo", "all")];
    const before = await state();
    const { status, body } = await post(manager, {
      dataValues: [
        { dataElement: de, period: "2010AprilS1", orgUnit: idOf("orgUnit", thanet), categoryOptionCombo: coc, value: "99" },
        { dataElement: de, period: "2010AprilS1", orgUnit: "DiszpKrYNg8", categoryOptionCombo: coc, value: "12" },
        { dataElement: de, period: "2010S1", orgUnit: idOf("orgUnit", dover), categoryOptionCombo: coc, value: "14" },
        { dataElement: de, period: "2010AprilS3", orgUnit: idOf("orgUnit", ashford), categoryOptionCombo: coc, value: "16" },
        { dataElement: "eY5ehpbEsB7", period: "2010AprilS1", orgUnit: idOf("orgUnit", ashford), categoryOptionCombo: coc, value: "16" },
        { dataElement: de, period: "2010AprilS1", orgUnit: idOf("orgUnit", ashford), categoryOptionCombo: coc, value: "lots" },
      ],
    });
    expect(status).toBe(409);
    expect(body.status).toBe("ERROR");
    expect(body.importCount).toEqual({ imported: 0, updated: 0, ignored: 6, deleted: 0 });
    expect(body.conflicts.map(({ object, property, indexes }) => ({ object, property, indexes }))).toEqual([
      { object: "DiszpKrYNg8", property: "orgUnit", indexes: [1] },
      { object: "2010S1", property: "period", indexes: [2] },
      { object: "2010AprilS3", property: "period", indexes: [3] },
      { object: "eY5ehpbEsB7", property: "dataElement", indexes: [4] },
      { object: "lots", property: "value", indexes: [5] },
    ]);
    expect(body.conflicts[1]?.value).toMatch(/a half from January/);
    expect(await state()).toEqual(before);
    expect(await ni47(thanet)).toMatchObject({ value: "58" });
  });

  it("as CSV is refused the same way", async () => {
    const before = await state();
    const csv = [
      "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup",
      `${idOf("dataElement", "NI 47")},2010AprilS1,${idOf("orgUnit", thanet)},,,70,,,,false`,
      `${idOf("dataElement", "NI 47")},2010AprilS1,NotAnOrgUn1,,,71,,,,false`,
      `${idOf("dataElement", "NI 47")},201013,${idOf("orgUnit", dover)},,,72,,,,false`,
    ].join("\r\n");
    const { status, body } = await post(manager, csv, "application/csv");
    expect(status).toBe(409);
    expect(body.conflicts.map((one) => [one.property, one.indexes])).toEqual([["orgUnit", [1]], ["period", [2]]]);
    expect(await state()).toEqual(before);
  });

  it("with values of a period whose round is not open is refused whole, each value listed", async () => {
    const before = await state();
    const { status, body } = await post(manager, {
      dataValues: [{ dataElement: idOf("dataElement", "NI 47"), period: "2011AprilS1", orgUnit: idOf("orgUnit", thanet), value: "50" }],
    });
    expect(status).toBe(409);
    expect(body.conflicts).toMatchObject([{ property: "period", indexes: [0] }]);
    expect(body.conflicts[0]?.value).toMatch(/not open for returns/);
    expect(await state()).toEqual(before);
  });

  it("from the officer of NI 47 with a value of another indicator is refused whole", async () => {
    const before = await state();
    const { status, body } = await post(officer, {
      dataValues: [
        { dataElement: idOf("dataElement", "NI 47"), period: "2010AprilS1", orgUnit: idOf("orgUnit", thanet), value: "51" },
        { dataElement: idOf("dataElement", "NI 155"), period: "2010AprilS1", orgUnit: idOf("orgUnit", thanet), value: "51" },
      ],
    });
    expect(status).toBe(409);
    expect(body.conflicts).toMatchObject([{ property: "orgUnit", indexes: [1] }]);
    expect(await state()).toEqual(before);
  });
});

describe("a dry run", () => {
  it("reports what would be imported and updated and changes nothing", async () => {
    const before = await state();
    const { status, body } = await post(
      manager,
      {
        dataValues: [
          { dataElement: idOf("dataElement", "NI 47"), period: "2010AprilS1", orgUnit: idOf("orgUnit", thanet), value: "59" },
          { dataElement: idOf("dataElement", "NI 47"), period: "2010AprilS1", orgUnit: idOf("orgUnit", "E07000106"), value: "44" },
        ],
      },
      "application/json",
      "?dryRun=true",
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "SUCCESS", dryRun: true, importCount: { imported: 1, updated: 1, ignored: 0, deleted: 0 } });
    expect(await state()).toEqual(before);
    expect(await ni47(thanet)).toMatchObject({ value: "58", version: 2 });
  });
});

describe("who may import", () => {
  const file = () => ({ dataValues: [{ dataElement: idOf("dataElement", "NI 47"), period: "2010AprilS1", orgUnit: idOf("orgUnit", thanet), value: "60" }] });

  it("refuses the public (401) and those who record no values (403), before reading the file", async () => {
    const before = await state();
    expect((await post(null, file())).status).toBe(401);
    expect((await post(viewer, file())).status).toBe(403);
    expect((await post(partner, file())).status).toBe(403);
    expect((await post(viewer, "not a file at all", "application/csv")).status).toBe(403);
    expect(await state()).toEqual(before);
  });
});

describe("identifiers set by a manager", () => {
  it("are used by the export and the import; the derived one no longer names the area", async () => {
    const derived = idOf("orgUnit", thanet);
    const set = await send(api.app, manager, { method: "PUT", url: "/api/dhis2/identifiers", body: { version: 0, changes: [{ kind: "orgUnit", code: thanet, id: "ThanetDHIS2" }] } });
    expect(set.status).toBe(200);
    expect(set.json<{ version: number }>().version).toBe(1);
    const stale = await send(api.app, manager, { method: "PUT", url: "/api/dhis2/identifiers", body: { version: 0, changes: [{ kind: "orgUnit", code: thanet, id: null }] } });
    expect(stale.status).toBe(409);
    const clash = await send(api.app, manager, { method: "PUT", url: "/api/dhis2/identifiers", body: { version: 1, changes: [{ kind: "orgUnit", code: dover, id: "ThanetDHIS2" }] } });
    expect(clash.status).toBe(400);

    const exported = (await download("json")).json<{ dataValues: { orgUnit: string; value: string }[] }>();
    expect(exported.dataValues.find((one) => one.orgUnit === "ThanetDHIS2")?.value).toBe("58");
    expect(exported.dataValues.some((one) => one.orgUnit === derived)).toBe(false);
    const again = await post(manager, exported);
    expect(again.body.importCount).toMatchObject({ imported: 0, updated: 0, ignored: 4 });
    const old = await post(manager, { dataValues: [{ dataElement: idOf("dataElement", "NI 47"), period: "2010AprilS1", orgUnit: derived, value: "58" }] });
    expect(old.status).toBe(409);
    expect(old.body.conflicts[0]).toMatchObject({ object: derived, property: "orgUnit" });
  });
});
