/**
 * Starts the real product for one test file: `accord start` (migrate, load the Kent demo into an
 * empty database, serve) on a free port with its own temporary data folder, and stops it after.
 * With `demo: false` it is an installation without the demo: `accord migrate`, then `accord serve`
 * on the empty database (no agreements, no accounts, no demo password).
 *
 * ACCORD_E2E_BASE_URL=http://host:port runs the tests against a server that is already running
 * instead (nothing is started or stopped).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const startTimeoutMs = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      if (address === null || typeof address === "string") {
        probe.close();
        reject(new Error("could not read the probe's port"));
        return;
      }
      const { port } = address;
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * The server serves packages/web/dist: build what npm start builds (scripts/build.mjs: the web
 * app and the compiled server, each only when its sources changed), so the tests run the build a
 * person runs.
 */
export function ensureWebBuild(): void {
  const result = spawnSync(process.execPath, [join(repositoryRoot, "scripts/build.mjs")], { cwd: repositoryRoot, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`Building the web app and the server failed:\n${result.stdout}\n${result.stderr}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

export interface StartOptions {
  /** false: migrate and serve an empty database, without the Kent demo (default true). */
  demo?: boolean;
  /** More environment for the server (read when it starts), e.g. ACCORD_SMTP_URL for a test's mail server. */
  env?: () => Record<string, string>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const demo = options.demo ?? true;
  const external = process.env.ACCORD_E2E_BASE_URL;
  if (external) {
    if (!demo) throw new Error("ACCORD_E2E_BASE_URL cannot stand in for an installation without the demo");
    return { baseUrl: external.replace(/\/$/, ""), output: () => "(external server)", stop: async () => {} };
  }

  ensureWebBuild();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "accord-e2e-"));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1", ACCORD_DATA_DIR: dataDir, NODE_ENV: "test", ...options.env?.() };
  if (!demo) {
    const migrated = spawnSync(process.execPath, ["packages/server/bin/accord.js", "migrate"], { cwd: repositoryRoot, env, encoding: "utf8" });
    if (migrated.status !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`accord migrate failed (${migrated.status ?? migrated.signal}):\n${migrated.stdout}\n${migrated.stderr}`);
    }
  }
  let output = "";
  const child = spawn(process.execPath, ["packages/server/bin/accord.js", demo ? "start" : "serve"], {
    cwd: repositoryRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 10_000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`accord ${demo ? "start" : "serve"} exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    }
    if (await answers(`${baseUrl}/api/agreements`)) {
      return { baseUrl, output: () => output, stop };
    }
    await new Promise((wait) => setTimeout(wait, 500));
  }
  await stop();
  throw new Error(`accord ${demo ? "start" : "serve"} did not answer GET /api/agreements within ${startTimeoutMs / 1000} s:\n${output}`);
}
