/** `accord users …`: the first administrator and scripts manage accounts from the command line. */
import type { Command } from "commander";
import type { Database } from "../db/client.js";
import { AppError } from "../errors.js";
import { CreateUserBody, GrantBody } from "../features/users/schema.js";
import { createApiToken, createUser, findUserByEmail, grantRole, listUsers, revokeApiToken, revokeRole } from "../features/users/service.js";

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

interface ScopeOptions {
  role: string;
  agreement?: string;
  indicator?: string;
  organisation?: string;
  district?: string;
}

function parse<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ field: `--${String(issue.path[0] ?? "value")}`, message: issue.message }));
  throw new AppError("BAD_REQUEST", `${details[0]?.field ?? "input"} ${details[0]?.message ?? "is not valid"}`, { field: details[0]?.field ?? "input", details });
}

function grantFrom(options: ScopeOptions) {
  return parse(GrantBody, {
    role: options.role,
    ...(options.agreement ? { agreement: options.agreement } : {}),
    ...(options.indicator ? { indicator: options.indicator } : {}),
    ...(options.organisation ? { organisation: options.organisation } : {}),
    ...(options.district ? { district: options.district } : {}),
  });
}

const scopeHelp = (command: Command): Command =>
  command
    .option("--agreement <slug>", "agreement the role is for (manager, government, viewer: omit for every agreement; officer: required)")
    .option("--indicator <key>", "officer: the indicator, e.g. ni-47")
    .option("--organisation <slug>", "partner: the organisation they represent, e.g. kent-police")
    .option("--district <code>", "lsp: the district's ONS code, e.g. E07000114");

export function registerUserCommands(program: Command, withDatabase: WithDatabase, print: (text: string) => void): void {
  const users = program.command("users").description("manage accounts and roles");

  scopeHelp(
    users
      .command("create")
      .description("create an account and print a one-time password for its first sign-in (never prompts)")
      .requiredOption("--email <email>", "e-mail address, used to sign in")
      .requiredOption("--name <name>", "the person's name")
      .option("--role <role>", "a first role: manager, officer, partner, government, lsp or viewer")
      .option("--member-of <slug>", "the organisation they work for"),
  ).action(async (options: { email: string; name: string; memberOf?: string } & Partial<ScopeOptions>) => {
    const body = parse(CreateUserBody, { email: options.email, name: options.name, ...(options.memberOf ? { organisation: options.memberOf } : {}) });
    const grant = options.role ? grantFrom(options as ScopeOptions) : undefined;
    await withDatabase(async ({ db }) => {
      const { user, password } = await createUser({ db, caller: "command-line", ...body });
      const granted = grant ? await grantRole({ db, caller: "command-line", userId: user.id, grant }) : user;
      print(`Created ${granted.email}${granted.grants.length ? ` (${granted.grants.map((g) => g.description).join("; ")})` : ""}.`);
      print(`One-time password (pass it on safely; they should change it after signing in): ${password}`);
    });
  });

  scopeHelp(users.command("grant").description("grant a role").requiredOption("--email <email>", "the account").requiredOption("--role <role>", "manager, officer, partner, government, lsp or viewer")).action(
    async (options: { email: string } & ScopeOptions) => {
      const grant = grantFrom(options);
      await withDatabase(async ({ db }) => {
        const user = await grantRole({ db, caller: "command-line", userId: await findUserByEmail(db, options.email), grant });
        print(`${user.email} now has: ${user.grants.map((g) => g.description).join("; ")}`);
      });
    },
  );

  users
    .command("revoke")
    .description("revoke a role (every grant of that role, or one grant by --grant-id)")
    .requiredOption("--email <email>", "the account")
    .option("--role <role>", "the role to revoke")
    .option("--grant-id <id>", "one grant, as shown by users list")
    .action(async (options: { email: string; role?: string; grantId?: string }) => {
      if (!options.role && !options.grantId) throw new AppError("BAD_REQUEST", "give --role or --grant-id", { field: "--role" });
      const grantId = options.grantId === undefined ? undefined : Number(options.grantId);
      if (grantId !== undefined && !Number.isInteger(grantId)) throw new AppError("BAD_REQUEST", "--grant-id must be a number", { field: "--grant-id" });
      await withDatabase(async ({ db }) => {
        const user = await revokeRole({ db, caller: "command-line", userId: await findUserByEmail(db, options.email), ...(grantId !== undefined ? { grantId } : {}), ...(options.role ? { role: options.role } : {}) });
        print(`${user.email} now has: ${user.grants.map((g) => g.description).join("; ") || "no roles"}`);
      });
    });

  users
    .command("list")
    .description("list accounts and their roles")
    .option("--json", "print a JSON array")
    .action(async (options: { json?: boolean }) => {
      const all = await withDatabase(({ db }) => listUsers(db, "command-line"));
      if (options.json) {
        print(JSON.stringify(all));
        return;
      }
      for (const user of all) print(`${user.email.padEnd(40)} ${user.name} — ${user.grants.map((g) => `[${g.id}] ${g.description}`).join("; ") || "no roles"}`);
    });

  const token = users.command("token").description("personal API tokens for scripts");
  token
    .command("create")
    .description("create an API token for an account and print it (shown once)")
    .requiredOption("--email <email>", "the account")
    .option("--name <name>", "what the token is for", "script")
    .action(async (options: { email: string; name: string }) => {
      await withDatabase(async ({ db }) => {
        const created = await createApiToken({ db, caller: "command-line", userId: await findUserByEmail(db, options.email), name: options.name });
        print(created.token);
      });
    });
  token
    .command("revoke")
    .description("revoke an API token")
    .requiredOption("--email <email>", "the account")
    .requiredOption("--id <id>", "the token's id")
    .action(async (options: { email: string; id: string }) => {
      const tokenId = Number(options.id);
      if (!Number.isInteger(tokenId)) throw new AppError("BAD_REQUEST", "--id must be a number", { field: "--id" });
      await withDatabase(async ({ db }) => {
        await revokeApiToken({ db, caller: "command-line", userId: await findUserByEmail(db, options.email), tokenId });
        print(`Token ${tokenId} revoked.`);
      });
    });
}
