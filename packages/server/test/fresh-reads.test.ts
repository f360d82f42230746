/**
 * Issue 8 point 2: a read of an agreement that has not changed costs one statement and, for a
 * browser that already has it, no body (ETag and 304); every kind of write changes the tag and
 * the next read gets the new answer, even a write made straight in the database; large answers
 * come compressed.
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementDetailView, AgreementIndicatorPageView } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let manager: Session;
let viewer: Session;
let partner: Session;
let negotiator: Session;
let lsp: Session;

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  viewer = await signIn(api.app, "member@kent.example");
  partner = await signIn(api.app, "partner@kent-police.example");
  negotiator = await signIn(api.app, "negotiator@gose.example");
  lsp = await signIn(api.app, "lsp.thanet@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

async function read(url: string, options: { session?: Session | null; tag?: string; encoding?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.session) headers.cookie = options.session.cookie;
  if (options.tag) headers["if-none-match"] = options.tag;
  if (options.encoding) headers["accept-encoding"] = options.encoding;
  const response = await api.app.inject({ method: "GET", url, headers });
  const tag = response.headers.etag;
  return { status: response.statusCode, tag: typeof tag === "string" ? tag : undefined, response };
}

const ka2 = "/api/agreements/kent-ka2";

describe("ETag and 304 on agreement reads", () => {
  it("tags the agreement and answers a matching If-None-Match with 304 and no body", async () => {
    const first = await read(ka2);
    expect(first.status).toBe(200);
    expect(first.tag).toMatch(/^W\/".+"$/);
    expect(first.response.headers["cache-control"]).toBe("private, no-cache");
    const again = await read(ka2, { tag: first.tag });
    expect(again.status).toBe(304);
    expect(again.response.rawPayload.length).toBe(0);
    expect(again.tag).toBe(first.tag);
  });

  it("tags every sub-resource, and a tag from another agreement does not match", async () => {
    for (const path of ["/indicators/ni-47", "/indicators?kind=designated", "/outcomes", "/freedoms", "/position-summary?asAt=2008-06-01", "/permissions"]) {
      const first = await read(`${ka2}${path}`);
      expect(first.status, path).toBe(200);
      expect((await read(`${ka2}${path}`, { tag: first.tag })).status, path).toBe(304);
    }
    const ka1 = await read("/api/agreements/kent-ka1");
    expect((await read(ka2, { tag: ka1.tag })).status).toBe(200);
  });

  it("does not tag a refusal or a missing indicator", async () => {
    const missing = await read(`${ka2}/indicators/ni-9999`);
    expect(missing.status).toBe(404);
    expect(missing.tag).toBeUndefined();
  });

  it("gives a viewer and a manager different tags and bodies for what they may do, and each their own 304", async () => {
    const asViewer = await read(`${ka2}/permissions`, { session: viewer });
    const asManager = await read(`${ka2}/permissions`, { session: manager });
    expect(asViewer.response.json()).toMatchObject({ update: false });
    expect(asManager.response.json()).toMatchObject({ update: true });
    expect(asViewer.tag).not.toBe(asManager.tag);
    // The viewer's tag never unlocks the manager's kept answer, nor the other way round.
    const managerWithViewerTag = await read(`${ka2}/permissions`, { session: manager, tag: asViewer.tag });
    expect(managerWithViewerTag.status).toBe(200);
    expect(managerWithViewerTag.response.json()).toMatchObject({ update: true });
    expect((await read(`${ka2}/permissions`, { session: viewer, tag: asManager.tag })).response.json()).toMatchObject({ update: false });
    expect((await read(`${ka2}/permissions`, { session: manager, tag: asManager.tag })).status).toBe(304);
  });
});

describe("a write changes the tag, and If-None-Match then gets the new body", () => {
  const writes: { name: string; write: () => Promise<{ status: number }> }[] = [
    {
      name: "a partner's withdrawal",
      write: () => send(api.app, partner, { method: "DELETE", url: `${ka2}/indicators/ni-47/sign-ups/kent-police/statutory` }),
    },
    {
      name: "a partner's sign-up",
      write: () => send(api.app, partner, { method: "POST", url: `${ka2}/indicators/ni-47/sign-ups`, body: { organisation: "kent-police", role: "statutory" } }),
    },
    {
      name: "a negotiation entry",
      write: () => send(api.app, negotiator, { method: "POST", url: `${ka2}/indicators/ni-47/negotiation`, body: { kind: "comment", note: "Board asked for the evidence" } }),
    },
    {
      name: "a district's local action plan",
      write: () => send(api.app, lsp, { method: "PUT", url: `${ka2}/districts/E07000114/local-action-plan`, body: { summary: "Thanet supports road safety", supportedIndicators: ["ni-47"] } }),
    },
    { name: "an issued bulletin", write: () => send(api.app, manager, { method: "POST", url: `${ka2}/bulletins`, body: {} }) },
    { name: "a comment", write: () => send(api.app, viewer, { method: "POST", url: `${ka2}/indicators/ni-47/comments`, body: { body: "Seen at the board" } }) },
  ];
  for (const { name, write } of writes) {
    it(`after ${name}`, async () => {
      const before = await read(`${ka2}/indicators/ni-47`);
      const response = await write();
      expect(response.status, JSON.stringify(response)).toBeLessThan(300);
      const after = await read(`${ka2}/indicators/ni-47`, { tag: before.tag });
      expect(after.status).toBe(200);
      expect(after.tag).not.toBe(before.tag);
    });
  }

  it("shows the new name at once after the manager renames the agreement", async () => {
    const before = await read(ka2);
    const { version } = before.response.json<AgreementDetailView>();
    const renamed = await send(api.app, manager, { method: "PATCH", url: ka2, body: { name: "Kent Agreement 2 (renamed for the board)", version } });
    expect(renamed.status).toBe(200);
    const after = await read(ka2, { tag: before.tag });
    expect(after.status).toBe(200);
    expect(after.response.json<AgreementDetailView>().name).toBe("Kent Agreement 2 (renamed for the board)");
  });

  it("sees a change made straight in the database, not through Accord (the count is kept by the database)", async () => {
    const before = await read(`${ka2}/indicators/ni-47`);
    await api.database.db.execute(sql`
      UPDATE agreement_indicators SET target_note = 'Changed by hand in the database'
      WHERE id = (SELECT ai.id FROM agreement_indicators ai JOIN indicator_definitions d ON d.id = ai.indicator_id
                  JOIN agreements a ON a.id = ai.agreement_id WHERE a.slug = 'kent-ka2' AND d.key = 'ni-47')`);
    const after = await read(`${ka2}/indicators/ni-47`, { tag: before.tag });
    expect(after.status).toBe(200);
    expect(after.response.json<AgreementIndicatorPageView>().targetNote).toBe("Changed by hand in the database");
  });

  it("sees a change to an organisation's name inside every agreement that names it", async () => {
    const before = await read(`${ka2}/indicators/ni-47`);
    await api.database.db.execute(sql`UPDATE organisations SET name = 'Kent County Council (renamed)' WHERE slug = 'kent-county-council'`);
    const after = await read(`${ka2}/indicators/ni-47`, { tag: before.tag });
    expect(after.status).toBe(200);
    const names = after.response.json<AgreementIndicatorPageView>().partners.map((p) => p.organisation.name);
    expect(names).toContain("Kent County Council (renamed)");
  });
});

describe("compression", () => {
  it("sends the whole agreement compressed with brotli or gzip, the same JSON once unpacked, and a 2 KB answer as it is", async () => {
    const plain = await read(ka2);
    const br = await read(ka2, { encoding: "br" });
    expect(br.response.headers["content-encoding"]).toBe("br");
    expect(br.response.rawPayload.length).toBeLessThan(plain.response.rawPayload.length / 4);
    expect(JSON.parse(brotliDecompressSync(br.response.rawPayload).toString("utf8"))).toEqual(plain.response.json());
    const gzip = await read(ka2, { encoding: "gzip" });
    expect(gzip.response.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gzip.response.rawPayload).toString("utf8"))).toEqual(plain.response.json());
    const small = await read("/api/agreements/kent-ka2/permissions", { encoding: "br, gzip" });
    expect(small.response.headers["content-encoding"]).toBeUndefined();
  });
  it("sends the changed agreement compressed after a write, not the bytes kept from before it", async () => {
    const unpack = (payload: Buffer) => JSON.parse(brotliDecompressSync(payload).toString("utf8")) as unknown;
    const before = await read(ka2, { encoding: "br" });
    expect((await read(ka2, { encoding: "br" })).response.rawPayload.equals(before.response.rawPayload)).toBe(true);
    const written = await send(api.app, negotiator, {
      method: "POST",
      url: `${ka2}/indicators/ni-47/negotiation`,
      body: { kind: "comment", note: "Compressed readers see this at once" },
    });
    expect(written.status).toBe(201);
    const after = await read(ka2, { encoding: "br", tag: before.tag });
    expect(after.status).toBe(200);
    expect(after.response.headers["content-encoding"]).toBe("br");
    expect(after.response.headers.vary).toContain("Accept-Encoding");
    expect(unpack(after.response.rawPayload)).toEqual((await read(ka2)).response.json());
    expect(unpack(after.response.rawPayload)).not.toEqual(unpack(before.response.rawPayload));
  });
});
