/**
 * A throw-away PostgreSQL cluster for npm run bench, from Debian's postgresql package (as the
 * api-postgres tests start theirs). initdb refuses root, so as root it runs as user postgres.
 */
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = "/usr/lib/postgresql";

/** The newest installed version's bin folder, or undefined. */
export function postgresBinaries(): string | undefined {
  if (!existsSync(base)) return undefined;
  const newest = readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(base, newest, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no free port"))));
    });
  });
}

const asRoot = process.getuid?.() === 0;
const command = (program: string, args: string[]): [string, string[]] => (asRoot ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args]);

/** Starts a cluster (durability settings off, as for tests) and returns an admin URL and a stop. */
export async function startThrowawayCluster(bin: string): Promise<{ url: string; stop: () => void }> {
  const root = mkdtempSync(join(tmpdir(), "accord-bench-postgres-"));
  const dataDir = join(root, "data");
  if (asRoot) chownSync(root, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  const [initdb, initArgs] = command(join(bin, "initdb"), ["-D", dataDir, "-U", "accord", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  execFileSync(initdb, initArgs, { stdio: "ignore" });
  const port = await freePort();
  const settings = ["listen_addresses=127.0.0.1", "fsync=off", "synchronous_commit=off", "full_page_writes=off"].flatMap((s) => ["-c", s]);
  const [pgCtl, startArgs] = command(join(bin, "pg_ctl"), ["-D", dataDir, "-w", "-l", join(root, "log"), "-o", `-p ${port} -k ${root} ${settings.join(" ")}`, "start"]);
  execFileSync(pgCtl, startArgs, { stdio: "ignore" });
  return {
    url: `postgres://accord@127.0.0.1:${port}/postgres`,
    stop: () => {
      const [stopCommand, stopArgs] = command(join(bin, "pg_ctl"), ["-D", dataDir, "stop", "-m", "fast", "-w"]);
      execFileSync(stopCommand, stopArgs, { stdio: "ignore" });
      rmSync(root, { recursive: true, force: true });
    },
  };
}
