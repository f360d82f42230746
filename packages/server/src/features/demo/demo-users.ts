/**
 * One demo account per role, from the Kent data, so each kind of user can be tried at once.
 * They share one demo password, which the sign-in page shows only in demo mode.
 */
import { count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { demoPassword, isDemo, writeSetting } from "../auth/settings.js";
import type { GrantBody } from "../users/schema.js";
import { createUser, grantRole } from "../users/service.js";

export interface DemoUser {
  email: string;
  name: string;
  organisation: string;
  grants: GrantBody[];
}

export const demoUsers: DemoUser[] = [
  {
    email: "manager@kent-partnership.example",
    name: "Kent Agreement Manager",
    organisation: "kent-county-council",
    grants: [
      { role: "manager", agreement: "kent-ka1" },
      { role: "manager", agreement: "kent-ka2" },
    ],
  },
  {
    email: "officer.ni47@kent-partnership.example",
    name: "Road Safety Accountable Officer (NI 47)",
    organisation: "kent-county-council",
    grants: [{ role: "officer", agreement: "kent-ka2", indicator: "ni-47" }],
  },
  { email: "partner@kent-police.example", name: "Kent Police Partnership Representative", organisation: "kent-police", grants: [{ role: "partner", organisation: "kent-police" }] },
  {
    email: "negotiator@gose.example",
    name: "GOSE Area Negotiator",
    organisation: "government-office-for-the-south-east",
    grants: [
      { role: "government", agreement: "kent-ka1" },
      { role: "government", agreement: "kent-ka2" },
    ],
  },
  { email: "lsp.thanet@kent-partnership.example", name: "Thanet LSP Coordinator", organisation: "thanet-district-council", grants: [{ role: "lsp", district: "E07000114" }] },
  { email: "member@kent.example", name: "County Councillor (viewer)", organisation: "kent-county-council", grants: [{ role: "viewer" }] },
];

const demoEmails = new Set(demoUsers.map((demo) => demo.email));
const onlyDemoAccounts = (users: { email: string }[]): boolean => users.every((user) => demoEmails.has(user.email));

/** Whether an earlier load was stopped before it finished: some demo accounts, no demo mark. */
export async function demoLoadUnfinished(db: Db): Promise<boolean> {
  if (await isDemo(db)) return false;
  const existing = await db.select({ email: t.users.email }).from(t.users);
  return existing.length > 0 && onlyDemoAccounts(existing);
}

/**
 * Creates the demo accounts that are missing and then marks the database as a demo, so a load
 * that was stopped half-way is completed by the next one. A database with any account that is
 * not a demo account is a real installation: it never gets accounts with a published password.
 * Called inside the demo load's transaction, so normally all of it or none of it is kept.
 */
export async function createDemoUsers(db: Db): Promise<number> {
  if (await isDemo(db)) return 0;
  const existing = await db.select({ id: t.users.id, email: t.users.email }).from(t.users);
  if (!onlyDemoAccounts(existing)) return 0;
  const stopAfter = Number(process.env.ACCORD_TEST_STOP_DEMO_AFTER_ACCOUNTS ?? "NaN");
  let created = 0;
  for (const demo of demoUsers) {
    const found = existing.find((user) => user.email === demo.email);
    let userId = found?.id;
    if (userId === undefined) {
      const { user } = await createUser({ db, caller: "command-line", email: demo.email, name: demo.name, organisation: demo.organisation, password: demoPassword, demoAccount: true });
      userId = user.id;
      created += 1;
    }
    // An account left without its roles by an earlier, stopped load gets them now.
    const [grants] = await db.select({ n: count() }).from(t.roleGrants).where(eq(t.roleGrants.userId, userId));
    if ((grants?.n ?? 0) === 0) {
      for (const grant of demo.grants) await grantRole({ db, caller: "command-line", userId, grant });
    }
    // Only the interruption test sets this: the process dies here as if killed, without cleaning up.
    if (created === stopAfter) process.kill(process.pid, "SIGKILL");
  }
  await writeSetting(db, "demo", "true");
  return created;
}
