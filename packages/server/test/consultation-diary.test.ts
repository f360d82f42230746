/**
 * The consultation diary through the API on a real database (PGlite and PostgreSQL): the demo's
 * events the seeds name, in date order, in the documents' words; a manager adds and changes one,
 * versioned (409 with the event as it stands when stale) and audited in the same change; a viewer
 * is refused, the public asked to sign in; bad fields are refused naming the field, nothing changed.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsultationDiaryView, ConsultationEventView } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
let viewer: Session;
const ka1 = "/api/agreements/kent-ka1";
const ka2 = "/api/agreements/kent-ka2";
const diary = `${ka2}/consultation-diary`;

interface Refusal {
  error: { code: string; field?: string; message: string };
  current?: ConsultationEventView;
}

const readDiary = async (session: Session | null = null) => (await send(api.app, session, { method: "GET", url: diary })).json<ConsultationDiaryView>();

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  viewer = await signIn(api.app, "member@kent.example");
});
afterAll(async () => {
  await api?.close();
});

describe("the demo's consultation diaries, as the seeds name their events", () => {
  it("Kent Agreement 1: the two position statements sent to over 120 key stakeholders, before Christmas 2004 and in mid January 2005", async () => {
    const body = (await send(api.app, manager, { method: "GET", url: `${ka1}/consultation-diary` })).json<ConsultationDiaryView>();
    expect(body.events.map((event) => [event.whenWritten, event.kind, event.numberConsulted, event.numberConsultedIsMinimum])).toEqual([
      ["Before Christmas 2004", "position statement", 120, true],
      ["Mid January 2005", "position statement", 120, true],
    ]);
    expect(body.events[0]?.outcome).toMatch(/^There was a hugely positive response/);
  });

  it("Kent Agreement 2: the County Council reports, the priorities list to GOSE and the Member Panel, in date order, for anyone", async () => {
    const body = await readDiary();
    expect(body.mayEdit).toBe(false);
    expect(body.events.map((event) => [event.date, event.kind])).toEqual([
      ["2007-10-18", "report"],
      ["2008-01-15", "position statement"],
      ["2008-04-23", "meeting"],
      ["2008-05-15", "report"],
    ]);
    expect(body.events[0]?.documents).toEqual(["Report to County Council 18 October 2007"]);
    expect(body.events[1]).toMatchObject({ whenWritten: "By 15 January 2008", audience: "Government Office for the South East (GOSE)" });
    expect(body.events[2]?.audience).toBe("Nick Chard (Chair), Ian Chittenden, Godfrey Horne, John Law and Ray Parker");
    // The seed does not say what the Council decided on 15 May.
    expect(body.events[3]?.outcome).toBeNull();
    expect(body.events.every((event) => event.version === 1 && event.updatedBy === null)).toBe(true);
  });
});

describe("keeping the diary", () => {
  const workshop = {
    date: "2008-02-20",
    kind: "workshop",
    title: "A workshop on the draft indicators",
    audience: "Kent Partnership Support Group",
    organisationsInvited: ["Kent Police", "West Kent Primary Care Trust"],
    numberConsulted: 45,
    documents: ["Draft indicator list"],
  };

  it("a viewer is refused (403), the public asked to sign in (401), nothing added", async () => {
    expect((await send(api.app, viewer, { method: "POST", url: diary, body: workshop })).status).toBe(403);
    expect((await send(api.app, null, { method: "POST", url: diary, body: workshop })).status).toBe(401);
    expect((await send(api.app, viewer, { method: "PATCH", url: `${diary}/3`, body: { version: 1, title: "Changed" } })).status).toBe(403);
    expect((await send(api.app, null, { method: "PATCH", url: `${diary}/3`, body: { version: 1, title: "Changed" } })).status).toBe(401);
    expect((await readDiary()).events).toHaveLength(4);
  });

  it.each([
    { body: { ...workshop, date: "20 February 2008" }, field: "date" },
    { body: { ...workshop, date: "2008-02-30" }, field: "date" },
    { body: { ...workshop, kind: "party" }, field: "kind" },
    { body: { ...workshop, title: "   " }, field: "title" },
    { body: { ...workshop, numberConsulted: 4.5 }, field: "numberConsulted" },
    { body: { ...workshop, documents: "Draft indicator list" }, field: "documents" },
    { body: { ...workshop, title: "A workshop\u0000" }, field: "title" },
    { body: { ...workshop, updatedBy: "someone else" }, field: "updatedBy" },
  ])("refuses a new event with a bad $field with 400 naming it, and adds nothing", async ({ body, field }) => {
    const refused = await send(api.app, manager, { method: "POST", url: diary, body });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json<Refusal>().error)).toContain(field);
    expect((await readDiary()).events).toHaveLength(4);
  });

  it("a manager adds a workshop, which takes its place in date order; audited with who did it", async () => {
    const added = await send(api.app, manager, { method: "POST", url: diary, body: workshop });
    expect(added.status).toBe(201);
    const event = added.json<ConsultationEventView>();
    expect(event).toMatchObject({ ...workshop, whenWritten: null, numberConsultedIsMinimum: false, outcome: null, version: 1 });
    expect(event.updatedBy).toContain("manager@kent-partnership.example");
    const body = await readDiary(manager);
    expect(body.mayEdit).toBe(true);
    expect(body.events.map((one) => one.date)).toEqual(["2007-10-18", "2008-01-15", "2008-02-20", "2008-04-23", "2008-05-15"]);
    const audit = await queryRows(api.database.db, sql`select actor, before, after from audit_events where action = 'consultationEvent.create' and entity_id = ${String(event.id)}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: null, after: expect.objectContaining({ title: workshop.title }) });
  });

  it("a manager records the Member Panel's outcome; a stale copy gets 409 with the event as it stands; audited once", async () => {
    const panel = (await readDiary()).events.find((event) => event.date === "2008-04-23");
    if (!panel) throw new Error("The demo has no Member Panel");
    const changed = await send(api.app, manager, { method: "PATCH", url: `${diary}/${panel.id}`, body: { version: 1, outcome: "Recommended the report to Cabinet." } });
    expect(changed.status).toBe(200);
    expect(changed.json<ConsultationEventView>()).toMatchObject({ outcome: "Recommended the report to Cabinet.", title: panel.title, version: 2 });

    const stale = await send(api.app, manager, { method: "PATCH", url: `${diary}/${panel.id}`, body: { version: 1, outcome: "Something else" } });
    expect(stale.status).toBe(409);
    expect(stale.json<Refusal>().current).toMatchObject({ outcome: "Recommended the report to Cabinet.", version: 2 });

    const badField = await send(api.app, manager, { method: "PATCH", url: `${diary}/${panel.id}`, body: { version: 2, numberConsulted: -1 } });
    expect(badField.status).toBe(400);
    expect(JSON.stringify(badField.json<Refusal>().error)).toContain("numberConsulted");

    const audit = await queryRows(api.database.db, sql`select before, after from audit_events where action = 'consultationEvent.update' and entity_id = ${String(panel.id)}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: expect.objectContaining({ outcome: panel.outcome, version: 1 }), after: expect.objectContaining({ version: 2 }) });
  });

  it("an event of another agreement is not found through this one", async () => {
    const refused = await send(api.app, manager, { method: "PATCH", url: `${diary}/1`, body: { version: 1, title: "Changed" } });
    expect(refused.status).toBe(404);
  });
});
