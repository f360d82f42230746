/**
 * One demo account per role, from the Kent data, so each kind of user can be tried at once.
 * Created only when the database has no accounts yet; they share one demo password, which the
 * sign-in page shows only in demo mode.
 */
import { count } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { demoPassword, writeSetting } from "../auth/settings.js";
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

export async function createDemoUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(t.users);
  if ((row?.n ?? 0) > 0) return 0;
  for (const demo of demoUsers) {
    const { user } = await createUser({ db, caller: "command-line", email: demo.email, name: demo.name, organisation: demo.organisation, password: demoPassword });
    for (const grant of demo.grants) await grantRole({ db, caller: "command-line", userId: user.id, grant });
  }
  await writeSetting(db, "demo", "true");
  return demoUsers.length;
}
