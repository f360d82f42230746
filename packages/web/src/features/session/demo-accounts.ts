/**
 * The demonstration accounts `accord start` creates on an empty database, one per role
 * (packages/server/src/features/demo/demo-users.ts). The sign-in page lists them only when the
 * server says it is the demo installation.
 */
export interface DemoAccount {
  email: string;
  who: string;
}

export const demoAccounts: DemoAccount[] = [
  { email: "manager@kent-partnership.example", who: "Agreement manager of Kent Agreements 1 and 2: everything, including users" },
  { email: "officer.ni47@kent-partnership.example", who: "Accountable officer for NI 47 (road casualties) in Kent Agreement 2: its baseline and targets" },
  { email: "partner@kent-police.example", who: "Kent Police's partnership representative: signs Kent Police up to targets" },
  { email: "negotiator@gose.example", who: "Government Office for the South East negotiator: records the negotiation position" },
  { email: "lsp.thanet@kent-partnership.example", who: "Thanet LSP coordinator: Thanet's local action plan" },
  { email: "member@kent.example", who: "County councillor (viewer): reads everything and comments" },
];
