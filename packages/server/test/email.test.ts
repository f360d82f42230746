/**
 * Bulletins and invitations by e-mail, against a real SMTP server on loopback (smtp-server),
 * each message parsed back with mailparser: who receives it, both parts, subject and links;
 * a refusing server recorded as failed and resent once; nothing sent for an issue that failed.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/http/app.js";
import { createUser, grantRole } from "../src/features/users/service.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { sql } from "drizzle-orm";
import { queryRows } from "./support/sql.js";

interface Received {
  to: string;
  mail: ParsedMail;
}

const received: Received[] = [];
/** Addresses the server refuses at RCPT TO, as a full mailbox or a typo would be. */
const refused = new Set<string>();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (refused.has(address.address.toLowerCase())) {
      const error: Error & { responseCode?: number } = new Error("Mailbox unavailable");
      error.responseCode = 550;
      return callback(error);
    }
    callback();
  },
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        for (const recipient of session.envelope.rcptTo) received.push({ to: recipient.address.toLowerCase(), mail });
        callback();
      })
      .catch(callback);
  },
});

const publicUrl = "http://accord.kent.test";
let api: TestApp;
let manager: Session;
let signer: Session;
const password = "a signer password for the tests 41";
const signerName = `Ann<b>Hara & "Co"`;

const error = (response: { json<T>(): T }) => response.json<{ error: { code: string; message: string; field?: string } }>().error;
const bulletinMail = (number: number) => received.filter((item) => item.mail.subject === `Kent Agreement 2 — bulletin ${number}`);
const issue = () => send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/bulletins", body: {} });
// The demo has Kent Police as a statutory partner of NI 47 (seed 001).
let signedUp = true;
/** Something new for the next bulletin: the partner withdraws from NI 47, or signs up again. */
async function somethingNew(): Promise<void> {
  const url = "/api/agreements/kent-ka2/indicators/ni-47/sign-ups";
  const response = signedUp
    ? await send(api.app, signer, { method: "DELETE", url: `${url}/kent-police/statutory` })
    : await send(api.app, signer, { method: "POST", url, body: { organisation: "kent-police", role: "statutory" } });
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  signedUp = !signedUp;
}

/** Who should receive Kent Agreement 2's bulletin, read straight from the tables. */
async function expectedReaders(): Promise<string[]> {
  const found = await queryRows(
    api.database.db,
    sql`SELECT u.email FROM users u JOIN role_grants g ON g.user_id = u.id
       LEFT JOIN agreements a ON a.id = g.agreement_id
      WHERE NOT u.disabled AND (a.slug = 'kent-ka2' OR g.agreement_id IS NULL)
     UNION
     SELECT d.email FROM distribution_list d JOIN agreements a ON a.id = d.agreement_id WHERE a.slug = 'kent-ka2'`,
  );
  return found.map((row) => String(row.email)).sort();
}

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  api = await createTestApp({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: "Kent Partnership <bulletins@kent-partnership.example>", publicUrl } });
  const { db } = api.database;
  const { user } = await createUser({ db, caller: "command-line", email: "ann.hara@kent-police.example", name: signerName, password });
  await grantRole({ db, caller: "command-line", userId: user.id, grant: { role: "partner", agreement: "kent-ka2", organisation: "kent-police" } });
  // Someone with a role only in Kent Agreement 1 is not a reader of Kent Agreement 2's bulletin.
  const { user: elsewhere } = await createUser({ db, caller: "command-line", email: "only.ka1@kent.example", name: "Only KA1", password });
  await grantRole({ db, caller: "command-line", userId: elsewhere.id, grant: { role: "viewer", agreement: "kent-ka1" } });
  manager = await signIn(api.app, "manager@kent-partnership.example");
  signer = await signIn(api.app, "ann.hara@kent-police.example", password);
});
afterAll(async () => {
  await api?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("the distribution list", () => {
  const url = "/api/agreements/kent-ka2/distribution-list";

  it("lets a manager add and remove an address, checks it, and records each change", async () => {
    const added = await send(api.app, manager, { method: "POST", url, body: { email: "Clerk@Thanet.Example", name: "Thanet committee clerk" } });
    expect(added.status).toBe(201);
    expect(added.json<{ entries: { email: string }[] }>().entries.map((entry) => entry.email)).toEqual(["clerk@thanet.example"]);

    const again = await send(api.app, manager, { method: "POST", url, body: { email: "clerk@thanet.example" } });
    expect(again.status).toBe(409);
    expect(error(again).field).toBe("email");
    const invalid = await send(api.app, manager, { method: "POST", url, body: { email: "not an address" } });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toMatch(/email/);

    await send(api.app, manager, { method: "POST", url, body: { email: "leaving@kent.example" } });
    const removed = await send(api.app, manager, { method: "DELETE", url: `${url}/leaving@kent.example` });
    expect(removed.status).toBe(200);
    expect(removed.json<{ entries: { email: string }[] }>().entries.map((entry) => entry.email)).toEqual(["clerk@thanet.example"]);
    const missing = await send(api.app, manager, { method: "DELETE", url: `${url}/leaving@kent.example` });
    expect(missing.status).toBe(404);

    const audited = await queryRows(api.database.db, sql`SELECT action, actor FROM audit_events WHERE action LIKE 'distributionList.%' ORDER BY id`);
    expect(audited.map((row) => row.action)).toEqual(["distributionList.add", "distributionList.add", "distributionList.remove"]);
    expect(String(audited[0]?.actor)).toMatch(/manager@kent-partnership\.example/);
  });

  it("keeps one entry when ten clicks add the same address at once: one 201, the rest a clear 409", async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => send(api.app, manager, { method: "POST", url, body: { email: "twice@kent.example" } })));
    expect(responses.map((response) => response.status).sort()).toEqual([201, ...Array.from({ length: 9 }, () => 409)]);
    expect(responses.filter((response) => response.status === 409).every((response) => error(response).field === "email")).toBe(true);
    const removed = await send(api.app, manager, { method: "DELETE", url: `${url}/twice@kent.example` });
    expect(removed.json<{ entries: { email: string }[] }>().entries.map((entry) => entry.email)).toEqual(["clerk@thanet.example"]);
  });

  it("is the manager's: a partner may neither read nor change it", async () => {
    expect((await send(api.app, signer, { method: "GET", url })).status).toBe(403);
    expect((await send(api.app, signer, { method: "POST", url, body: { email: "x@kent.example" } })).status).toBe(403);
  });
});

describe("issuing a bulletin", () => {
  it("e-mails everyone with a role in the agreement and the distribution list, in plain text and HTML, linking to it", async () => {
    await somethingNew();
    const response = await issue();
    expect(response.status).toBe(201);
    const number = response.json<{ number: number; text: string }>().number;
    const mails = bulletinMail(number);
    const readers = await expectedReaders();
    expect(mails.map((item) => item.to).sort()).toEqual(readers);
    expect(readers).toContain("clerk@thanet.example");
    expect(readers).toContain("partner@kent-police.example");
    expect(readers).not.toContain("only.ka1@kent.example");

    const toClerk = mails.find((item) => item.to === "clerk@thanet.example")?.mail;
    if (!toClerk) throw new Error("no bulletin reached the distribution list");
    expect(toClerk.from?.text).toBe('"Kent Partnership" <bulletins@kent-partnership.example>');
    const link = `${publicUrl}/agreements/kent-ka2/bulletins?number=${number}`;
    expect(toClerk.text).toContain(`Kent Agreement 2 — bulletin ${number}, issued`);
    expect(toClerk.text).toContain("Kent Police withdrew as statutory partner");
    expect(toClerk.text).toContain(`Read it in Accord: ${link}`);
    expect(toClerk.text).toContain("as reader on the distribution list");
    const html = String(toClerk.html);
    expect(html).toContain(`<a href="${link}">`);
    expect(html).toContain(`<a href="${publicUrl}/agreements/kent-ka2">Kent Agreement 2</a>`);
    // The signer's name is text in the HTML part, never markup.
    expect(html).toContain("Ann&lt;b&gt;Hara &amp; &quot;Co&quot;");
    expect(html).not.toContain("<b>Hara");

    const deliveries = await send(api.app, manager, { method: "GET", url: `/api/agreements/kent-ka2/bulletins/${number}/deliveries` });
    const list = deliveries.json<{ mailConfigured: boolean; deliveries: { recipient: string; status: string; reason: string; at: string | null }[] }>();
    expect(list.mailConfigured).toBe(true);
    expect(list.deliveries.map((delivery) => delivery.recipient).sort()).toEqual(readers);
    expect(list.deliveries.every((delivery) => delivery.status === "accepted" && delivery.at !== null)).toBe(true);
    expect(list.deliveries.find((delivery) => delivery.recipient === "manager@kent-partnership.example")?.reason).toMatch(/agreement manager/);
  });

  it("sends nothing when there is nothing to issue", async () => {
    const before = received.length;
    const empty = await issue();
    expect(empty.status).toBe(409);
    expect(received.length).toBe(before);
  });

  it("sends each issued bulletin once when five managers' clicks race, and nothing for the ones that failed", async () => {
    await somethingNew();
    const before = received.length;
    const responses = await Promise.all(Array.from({ length: 5 }, () => issue()));
    const issuedNumbers = responses.filter((response) => response.status === 201).map((response) => response.json<{ number: number }>().number);
    expect(issuedNumbers.length).toBeGreaterThanOrEqual(1);
    const readers = await expectedReaders();
    const sent = received.slice(before);
    // Every message belongs to an issue that answered 201, and each of those reached each reader once.
    expect(new Set(sent.map((item) => item.mail.subject))).toEqual(new Set(issuedNumbers.map((number) => `Kent Agreement 2 — bulletin ${number}`)));
    for (const number of issuedNumbers) expect(bulletinMail(number).map((item) => item.to).sort()).toEqual(readers);
    const recorded = await queryRows(api.database.db, sql`SELECT count(*)::text AS count FROM mail_deliveries WHERE kind = 'bulletin'`);
    expect(Number(recorded[0]?.count)).toBe(received.filter((item) => item.mail.subject?.startsWith("Kent Agreement 2 — bulletin")).length);
  });
});

describe("a mail server that refuses", () => {
  it("records each refusal with the server's reason, and a resend (only one at a time) delivers the failed ones", async () => {
    refused.add("clerk@thanet.example");
    refused.add("partner@kent-police.example");
    await somethingNew();
    const response = await issue();
    expect(response.status).toBe(201);
    const number = response.json<{ number: number }>().number;
    const url = `/api/agreements/kent-ka2/bulletins/${number}/deliveries`;
    const list = (await send(api.app, manager, { method: "GET", url })).json<{ deliveries: { recipient: string; status: string; failure: string | null }[] }>().deliveries;
    const failed = list.filter((delivery) => delivery.status === "failed");
    expect(failed.map((delivery) => delivery.recipient).sort()).toEqual(["clerk@thanet.example", "partner@kent-police.example"]);
    expect(failed[0]?.failure).toMatch(/550/);
    expect(list.filter((delivery) => delivery.status === "accepted").length).toBe(list.length - 2);
    expect(bulletinMail(number).map((item) => item.to)).not.toContain("clerk@thanet.example");

    refused.clear();
    const [first, second] = await Promise.all([send(api.app, manager, { method: "POST", url: `${url}/resend`, body: {} }), send(api.app, manager, { method: "POST", url: `${url}/resend`, body: {} })]);
    const statuses = [first?.status, second?.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = first?.status === 200 ? first : second;
    expect(winner?.json<{ resent: number }>().resent).toBe(2);
    const loser = first?.status === 409 ? first : second;
    expect(loser ? error(loser).message : "").toMatch(/being sent right now|nothing to resend/);
    // Each failed reader got the bulletin exactly once, and the others did not get it twice.
    const toClerk = bulletinMail(number).filter((item) => item.to === "clerk@thanet.example");
    expect(toClerk.length).toBe(1);
    expect(bulletinMail(number).length).toBe(list.length);
    const after = (await send(api.app, manager, { method: "GET", url })).json<{ deliveries: { status: string; attempts: number; recipient: string }[] }>().deliveries;
    expect(after.every((delivery) => delivery.status === "accepted")).toBe(true);
    expect(after.find((delivery) => delivery.recipient === "clerk@thanet.example")?.attempts).toBe(2);

    const nothingLeft = await send(api.app, manager, { method: "POST", url: `${url}/resend`, body: {} });
    expect(nothingLeft.status).toBe(409);
    expect(error(nothingLeft).message).toMatch(/nothing to resend/);
  });

  it("records a server that cannot be reached as failed for every reader", async () => {
    const closed = new SMTPServer({ authOptional: true, disabledCommands: ["STARTTLS"], logger: false });
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.server.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await buildApp({ database: api.database, logger: false, mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: "bulletins@kent-partnership.example", publicUrl } });
    try {
      await somethingNew();
      const session = await signIn(unreachable, "manager@kent-partnership.example");
      const response = await send(unreachable, session, { method: "POST", url: "/api/agreements/kent-ka2/bulletins", body: {} });
      expect(response.status).toBe(201);
      const number = response.json<{ number: number }>().number;
      const list = (await send(unreachable, session, { method: "GET", url: `/api/agreements/kent-ka2/bulletins/${number}/deliveries` })).json<{ deliveries: { status: string; failure: string | null }[] }>().deliveries;
      expect(list.length).toBe((await expectedReaders()).length);
      expect(list.every((delivery) => delivery.status === "failed" && /ECONNREFUSED|connect/i.test(delivery.failure ?? ""))).toBe(true);
    } finally {
      await unreachable.close();
    }
  });
});

describe("invitations", () => {
  it("e-mails the new account holder where to sign in, and never the one-time password", async () => {
    const response = await send(api.app, manager, { method: "POST", url: "/api/users", body: { email: "new.officer@kent.example", name: "New Officer" } });
    expect(response.status).toBe(201);
    const body = response.json<{ password: string; invitation: { link: string; delivery: { status: string } } }>();
    expect(body.invitation.link).toBe(`${publicUrl}/sign-in`);
    expect(body.invitation.delivery.status).toBe("accepted");
    const mail = received.find((item) => item.to === "new.officer@kent.example")?.mail;
    if (!mail) throw new Error("no invitation arrived");
    expect(mail.subject).toBe("You are invited to Accord");
    expect(mail.text).toContain(`Sign in at: ${publicUrl}/sign-in`);
    expect(mail.text).toContain("Kent Agreement Manager");
    expect(String(mail.html)).toContain(`<a href="${publicUrl}/sign-in">`);
    expect(`${mail.text ?? ""}${String(mail.html)}`).not.toContain(body.password);
  });

  it("records a refused invitation, and sends it again on request", async () => {
    refused.add("typo@kent.example");
    const response = await send(api.app, manager, { method: "POST", url: "/api/users", body: { email: "typo@kent.example", name: "Typo Person" } });
    const created = response.json<{ user: { id: number }; invitation: { delivery: { status: string; failure: string } } }>();
    expect(created.invitation.delivery.status).toBe("failed");
    expect(created.invitation.delivery.failure).toMatch(/550/);
    refused.clear();
    const resent = await send(api.app, manager, { method: "POST", url: `/api/users/${created.user.id}/invitation/resend`, body: {} });
    expect(resent.status).toBe(200);
    expect(resent.json<{ delivery: { status: string } }>().delivery.status).toBe("accepted");
    expect(received.filter((item) => item.to === "typo@kent.example").length).toBe(1);
  });
});

describe("without an SMTP server", () => {
  it("says e-mail is not set up, sends nothing, and gives no link it cannot make", async () => {
    const plain = await buildApp({ database: api.database, logger: false, mail: null });
    try {
      const session = await signIn(plain, "manager@kent-partnership.example");
      const list = await send(plain, session, { method: "GET", url: "/api/agreements/kent-ka2/bulletins" });
      expect(list.json<{ mailConfigured: boolean }>().mailConfigured).toBe(false);
      await somethingNew();
      const before = received.length;
      const issued = await send(plain, session, { method: "POST", url: "/api/agreements/kent-ka2/bulletins", body: {} });
      expect(issued.status).toBe(201);
      const number = issued.json<{ number: number }>().number;
      expect(received.length).toBe(before);
      const deliveries = (await send(plain, session, { method: "GET", url: `/api/agreements/kent-ka2/bulletins/${number}/deliveries` })).json<{ mailConfigured: boolean; deliveries: unknown[] }>();
      expect(deliveries).toEqual({ mailConfigured: false, deliveries: [] });
      const resend = await send(plain, session, { method: "POST", url: `/api/agreements/kent-ka2/bulletins/${number}/deliveries/resend`, body: {} });
      expect(resend.status).toBe(409);
      expect(error(resend).message).toMatch(/not set up/);
      const invited = await send(plain, session, { method: "POST", url: "/api/users", body: { email: "no.mail@kent.example", name: "No Mail" } });
      expect(invited.json<{ invitation: unknown }>().invitation).toEqual({ link: null, delivery: null });
      expect(received.length).toBe(before);
    } finally {
      await plain.close();
    }
  });
});
