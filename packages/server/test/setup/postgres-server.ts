/**
 * The suite also runs against a real PostgreSQL server: DATABASE_URL when it is set (an admin
 * connection that may create databases), otherwise a throw-away cluster started here from
 * Debian's postgresql package (CI installs it).
 */
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

function postgresBinaries(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(
      "The PostgreSQL tests need a PostgreSQL server: install Debian's postgresql package (apt-get install -y postgresql, as .ci/run does) " +
        "or set DATABASE_URL to a server where this user may create databases.",
    );
  }
  return join(base, newest, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

/** initdb refuses to run as root; run the cluster as the postgres user Debian's package creates. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ["runuser", ["-u", "postgres", "--", command, ...args]];
}

async function startCluster(): Promise<{ url: string; stop: () => void }> {
  const bin = postgresBinaries();
  const root = mkdtempSync(join(tmpdir(), "accord-postgres-"));
  const dataDir = join(root, "data");
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(root, uid, gid);
  }
  const [initdb, initArgs] = asPostgresUser(join(bin, "initdb"), ["-D", dataDir, "-U", "accord", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  execFileSync(initdb, initArgs, { stdio: "ignore" });
  const port = await freePort();
  const [postgres, postgresArgs] = asPostgresUser(join(bin, "postgres"), [
    "-D", dataDir, "-p", String(port), "-k", root, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
  ]);
  const server = spawn(postgres, postgresArgs, { stdio: "ignore" });
  const url = `postgres://accord@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import("pg");
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    stop: () => {
      const [pgCtl, stopArgs] = asPostgresUser(join(bin, "pg_ctl"), ["-D", dataDir, "stop", "-m", "fast", "-w"]);
      try {
        execFileSync(pgCtl, stopArgs, { stdio: "ignore" });
      } catch {
        server.kill("SIGKILL");
      }
      server.unref();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => void> {
  project.provide("backend", "postgres");
  project.provide("pgliteTemplate", "");
  if (process.env.DATABASE_URL) {
    project.provide("postgresAdminUrl", process.env.DATABASE_URL);
    return () => undefined;
  }
  const cluster = await startCluster();
  project.provide("postgresAdminUrl", cluster.url);
  return cluster.stop;
}
