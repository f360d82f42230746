/**
 * npm run bench: how fast and how big Accord is, measured as a person uses it. It starts the real
 * server (`accord start`, the compiled build when current) on PGlite and, when Debian's
 * PostgreSQL is installed, on a throw-away PostgreSQL cluster; starts a bare Fastify route
 * serving the very same bytes; and drives both with autocannon at 1, 8 and 32 connections:
 *   - the agreement (GET /api/agreements/kent-ka2), an indicator (…/indicators/ni-47), the
 *     position summary, the performance dashboard (…/performance, as the public reads it), a write (a comment, signed in as the NI 47 officer), and the agreement
 *     list, the Government Office view and NI 47 across agreements with 150 agreements loaded
 *     (generated from Kent Agreement 2 through the demo loader);
 *   - req/s, p50 / p95 / p99 and the ratio to bare for each;
 *   - on PGlite, the write again with ACCORD_DURABLE=off: what flushing each commit costs;
 *   - the six-monthly performance report's generation time for KA2 (HTML, DOCX, PDF; report.ts);
 *   - start-up: the build step, the first start on an empty database (with its parts) and a
 *     restart (wall clock and CPU time); idle and peak resident memory of the server.
 * Settings: BENCH_SECONDS per run (default 3), BENCH_CONNECTIONS (default 1,8,32),
 * BENCH_DATABASES (default pglite,postgres), BENCH_AGREEMENTS (default 150), BENCH_ONLY (words
 * naming the measurements to make, e.g. "dashboard" or "dashboard,agreement list"; default all). The machine should
 * be otherwise idle for numbers worth comparing; ratios to bare are what travel between machines.
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { parse, stringify } from "yaml";
import { migrateDatabase, openDatabase, repositoryRoot } from "../packages/server/src/db/client.js";
import type { Database } from "../packages/server/src/db/client.js";
import { loadDemo } from "../packages/server/src/features/demo/load-demo.js";
import { postgresBinaries, startThrowawayCluster } from "./postgres.js";
import type { BareRoute } from "./bare-server.js";
import { measureReport, reportTimingLines } from "./report.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const connectionCounts = (process.env.BENCH_CONNECTIONS ?? "1,8,32").split(",").map(Number);
const databases = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const agreementCount = Number(process.env.BENCH_AGREEMENTS ?? 150);
const only = (process.env.BENCH_ONLY ?? "")
  .split(",")
  .map((word) => word.trim().toLowerCase())
  .filter((word) => word !== "");
const accordBin = resolve(repositoryRoot, "packages/server/bin/accord.js");
const officer = { email: "officer.ni47@kent-partnership.example", password: "kent-demo-2008" };
const scratch = mkdtempSync(join(tmpdir(), "accord-bench-"));

const line = (text = ""): void => {
  process.stdout.write(`${text}\n`);
};
const report = (name: string, value: string): void => line(`  ${name.padEnd(66)} ${value}`);
const secondsText = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const ms = (value: number): string => (Number.isNaN(value) ? "—" : `${value.toFixed(value < 1 ? 2 : value < 10 ? 1 : 0)} ms`);

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Wall-clock and CPU time (this process, all its threads) of some work, as text. */
async function timeWithCpu<T>(work: () => Promise<T>): Promise<[T, string]> {
  const cpu = process.cpuUsage();
  const [result, ms] = await time(work);
  const used = process.cpuUsage(cpu);
  return [result, `${secondsText(ms)} (CPU ${secondsText((used.user + used.system) / 1000)})`];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Resident memory now and at its peak, from the kernel's view of the process, in MiB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  address: string;
  startMs: number;
  /** CPU time the process had used when it was ready: on a shared machine, steadier than the wall clock. */
  startCpuMs: number;
}

/** User + system CPU time of a process so far, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts a process and waits for the line that says it is listening; the time is until then. */
function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<Running> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: repositoryRoot, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  return new Promise((resolveStart, reject) => {
    let output = "";
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      const address = ready.exec(output)?.[1];
      if (address) resolveStart({ child, address, startMs: performance.now() - started, startCpuMs: cpuMs(child.pid ?? 0) });
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}:\n${output}`)));
  });
}

function startAccord(command: "start" | "serve", target: Target): Promise<Running> {
  return startProcess([accordBin, command], { ...target.env, PORT: "0", HOST: "127.0.0.1", ACCORD_LOG: "off" }, /Accord is serving at (\S+)/);
}

const started = (running: Running): string => `${secondsText(running.startMs)} (CPU ${secondsText(running.startCpuMs)})`;

async function stop(running: Running): Promise<void> {
  if (running.child.exitCode !== null) return;
  const exited = new Promise((resolveExit) => running.child.once("exit", resolveExit));
  running.child.kill("SIGTERM");
  const timer = setTimeout(() => running.child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

interface Request {
  name: string;
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

/** One autocannon run; latencies are taken from every response, so p95 is exact. */
function drive(address: string, request: Request, connections: number): Promise<Measured> {
  return new Promise((resolveRun, reject) => {
    const latencies: number[] = [];
    let failed = 0;
    const instance = autocannon(
      {
        url: `${address}${request.url}`,
        method: request.method,
        connections,
        duration: seconds,
        timeout: 60,
        headers: request.headers ?? {},
        ...(request.body === undefined ? {} : { body: request.body }),
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolveRun({
          requestsPerSecond: latencies.length / seconds,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          failed: failed + result.errors,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else failed += 1;
    });
  });
}

interface Target {
  /** The heading; label is what each line says. */
  name: string;
  label: string;
  env: Record<string, string>;
  open: () => Promise<Database>;
}

const results = new Map<string, Measured>();
const key = (target: string, route: string, connections: number): string => `${target}|${route}|${connections}`;

function printRun(target: string, route: string, connections: number, measured: Measured): void {
  const bare = results.get(key("bare", route, connections));
  const ratio = bare && target !== "bare" ? ` ×${(measured.requestsPerSecond / bare.requestsPerSecond).toFixed(3)} of bare` : "";
  const failed = measured.failed > 0 ? `, ${measured.failed} failed` : "";
  report(
    `${route}, ${connections} connection${connections === 1 ? "" : "s"}, ${target}`,
    `${measured.requestsPerSecond.toFixed(0).padStart(6)} req/s${ratio}; p50 ${ms(measured.p50)}, p95 ${ms(measured.p95)}, p99 ${ms(measured.p99)}${failed}`,
  );
}

/** Sends the request a few times, one after another, waiting for each answer. */
async function sendInTurn(address: string, request: Request, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const response = await fetch(`${address}${request.url}`, { method: request.method, headers: request.headers ?? {}, ...(request.body === undefined ? {} : { body: request.body }) });
    await response.arrayBuffer();
  }
}

async function measureAll(target: string, address: string, requests: readonly Request[]): Promise<void> {
  for (const request of requests) {
    // Warm up (JIT, caches) as a server that has been up a while would be.
    await sendInTurn(address, request, 10);
    for (const connections of connectionCounts) {
      const measured = await drive(address, request, connections);
      // Requests still in flight when a run ends are abandoned but still served; let the server
      // finish them before the next run, so one run's backlog is not counted against the next.
      await sendInTurn(address, request, 1);
      results.set(key(target, request.name, connections), measured);
      printRun(target, request.name, connections, measured);
    }
  }
}

/** Runs the requests once against Accord and records what it answered, for the bare server to repeat. */
async function recordAnswers(address: string, requests: readonly Request[]): Promise<BareRoute[]> {
  const routes: BareRoute[] = [];
  for (const request of requests) {
    const sent = performance.now();
    const response = await fetch(`${address}${request.url}`, { method: request.method, headers: request.headers ?? {}, ...(request.body === undefined ? {} : { body: request.body }) });
    const body = Buffer.from(await response.arrayBuffer());
    // The first answer is worked out; the measured ones after it are mostly kept answers.
    report(`${request.name}: the first answer`, `${(performance.now() - sent).toFixed(0)} ms`);
    if (response.status >= 400) throw new Error(`${request.name}: ${response.status} ${body.toString()}`);
    routes.push({ method: request.method, url: request.url, status: response.status, contentType: response.headers.get("content-type") ?? "application/json", bodyBase64: body.toString("base64") });
    report(`${request.name}: the answer`, `${(body.length / 1024).toFixed(1)} KiB`);
  }
  return routes;
}

async function measureBare(routes: BareRoute[], requests: readonly Request[]): Promise<void> {
  const file = join(scratch, `bare-${routes.length}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(routes));
  const bare = await startProcess(["--import", "tsx", resolve(repositoryRoot, "bench/bare-server.ts"), file], {}, /listening (\S+)/);
  try {
    await measureAll("bare", bare.address, requests);
  } finally {
    await stop(bare);
  }
}

async function signIn(address: string): Promise<Record<string, string>> {
  const response = await fetch(`${address}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(officer) });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };
}

/**
 * A data folder holding generated agreements: Kent Agreement 2's indicators, targets and
 * negotiation under new slugs, with the reference files beside them, for the demo loader.
 */
function generatedAgreements(count: number): { folder: string; files: string[] } {
  const folder = mkdtempSync(join(scratch, "data-"));
  const source = resolve(repositoryRoot, "data");
  for (const file of ["areas.yaml", "organisations.yaml", "ni-catalogue.yaml"]) copyFileSync(join(source, file), join(folder, file));
  const template = parse(readFileSync(join(source, "kent-ka2.yaml"), "utf8")) as Record<string, unknown>;
  const files: string[] = [];
  for (let n = 1; n <= count; n += 1) {
    const number = String(n).padStart(3, "0");
    const { predecessor: _none, ...rest } = template;
    const agreement = { ...rest, slug: `bench-${number}`, name: `Bench agreement ${number}`, shortName: `B${number}` };
    const file = `bench-${number}.yaml`;
    writeFileSync(join(folder, file), stringify(agreement));
    files.push(file);
  }
  return { folder, files };
}

/** Whether BENCH_ONLY asks for this measurement (it asks for all when unset). */
const wanted = (request: Request): boolean => only.length === 0 || only.some((word) => request.name.toLowerCase().includes(word));

function readRequests(auth: Record<string, string>): Request[] {
  const all: Request[] = [
    { name: "GET the agreement (kent-ka2)", method: "GET", url: "/api/agreements/kent-ka2" },
    { name: "GET an indicator (ni-47)", method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-47" },
    { name: "GET the position summary", method: "GET", url: "/api/agreements/kent-ka2/position-summary?asAt=2008-05-01" },
    // What a board meeting opens: every indicator's status at the latest published round.
    { name: "GET the performance dashboard (public)", method: "GET", url: "/api/agreements/kent-ka2/performance" },
    {
      name: "POST a comment (signed in)",
      method: "POST",
      url: "/api/agreements/kent-ka2/indicators/ni-47/comments",
      headers: auth,
      body: JSON.stringify({ body: "Bench: the baseline for 2007/08 is confirmed." }),
    },
  ];
  return all.filter(wanted);
}
const listRequest: Request = { name: `GET the agreement list (${agreementCount} agreements)`, method: "GET", url: "/api/agreements" };
/** The reads that span every agreement, measured with agreementCount loaded. */
const atScaleRequests: Request[] = [
  listRequest,
  { name: `GET the Government Office view (${agreementCount} agreements)`, method: "GET", url: "/api/agreements/overview" },
  { name: `GET NI 47 across agreements (${agreementCount} agreements)`, method: "GET", url: "/api/indicators/ni-47/across-agreements" },
];

let bareMeasured = false;
let bareListMeasured = false;

async function benchTarget(target: Target): Promise<void> {
  line();
  line(`${target.name}`);
  const first = await startAccord("start", target);
  report("first start: accord start on an empty database (migrate, load the demo)", started(first));
  await stop(first);
  const restart = await startAccord("start", target);
  report("restart: accord start on the existing database", started(restart));
  await new Promise((settle) => setTimeout(settle, 1000));
  report("idle resident memory after the restart", `${memory(restart.child.pid ?? 0).rss.toFixed(0)} MiB`);
  try {
    const requests = readRequests(await signIn(restart.address));
    const answers = await recordAnswers(restart.address, requests);
    if (!bareMeasured && requests.length > 0) {
      await measureBare(answers, requests);
      bareMeasured = true;
    }
    await measureAll(target.label, restart.address, requests);
    report("peak resident memory", `${memory(restart.child.pid ?? 0).peak.toFixed(0)} MiB`);
  } finally {
    await stop(restart);
  }

  // The list, with the demo's two agreements and generated ones up to agreementCount.
  const atScale = atScaleRequests.filter(wanted);
  if (atScale.length === 0) return;
  const generated = generatedAgreements(agreementCount - 2);
  const database = await target.open();
  try {
    const [, loadMs] = await time(() => loadDemo(database, generated.folder, generated.files));
    report(`load ${generated.files.length} more agreements through the demo loader`, secondsText(loadMs));
  } finally {
    await database.close();
  }
  const serving = await startAccord("serve", target);
  report(`accord serve with ${agreementCount} agreements`, started(serving));
  try {
    const answers = await recordAnswers(serving.address, atScale);
    if (!bareListMeasured) {
      await measureBare(answers, atScale);
      bareListMeasured = true;
    }
    await measureAll(target.label, serving.address, atScale);
    report("peak resident memory", `${memory(serving.child.pid ?? 0).peak.toFixed(0)} MiB`);
  } finally {
    await stop(serving);
  }
}

/**
 * What durability costs on PGlite: the same write on a server that does not wait for the disk
 * (ACCORD_DURABLE=off), to read beside the durable default's line above.
 */
async function benchWriteWithoutFsync(target: Target): Promise<void> {
  if (!readRequests({}).some((request) => request.method === "POST")) return;
  const fast: Target = { ...target, label: "PGlite, ACCORD_DURABLE=off", env: { ...target.env, ACCORD_DURABLE: "off" } };
  const serving = await startAccord("serve", fast);
  try {
    const write = readRequests(await signIn(serving.address)).filter((request) => request.method === "POST");
    await measureAll(fast.label, serving.address, write);
  } finally {
    await stop(serving);
  }
}

const benchStarted = performance.now();
const cleanUp: Array<() => Promise<void> | void> = [];
try {
  line(`Accord bench: ${seconds} s per run, connections ${connectionCounts.join(", ")}, Node ${process.version}`);
  line();
  line("Build and start-up");
  const [build, buildMs] = await time(async () => spawnSync(process.execPath, [resolve(repositoryRoot, "scripts/build.mjs")], { cwd: repositoryRoot, encoding: "utf8" }));
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
  report(`npm run build (${/built in/.test(build.stdout) ? "built what had changed" : "nothing changed: skipped"})`, secondsText(buildMs));
  const stamp = JSON.parse(readFileSync(resolve(repositoryRoot, "dist/build.json"), "utf8")) as Record<string, { buildMs: number } | undefined>;
  report("the last full build: web app (Vite) + server (esbuild)", `${secondsText(stamp.web?.buildMs ?? Number.NaN)} + ${secondsText(stamp.server?.buildMs ?? Number.NaN)}`);

  // The parts of a first start on PGlite, in this process.
  const partsFolder = mkdtempSync(join(scratch, "parts-"));
  const [created, createTime] = await timeWithCpu(() => openDatabase({ dataFolder: partsFolder, databaseUrl: "" }));
  report("PGlite: create a new database", createTime);
  const [, migrateTime] = await timeWithCpu(() => migrateDatabase(created));
  report("PGlite: migrate", migrateTime);
  const [, demoTime] = await timeWithCpu(() => loadDemo(created, resolve(repositoryRoot, "data")));
  report("PGlite: load the Kent demo (2 agreements, catalogue, organisations, users)", demoTime);
  await created.close();
  const [reopened, reopenTime] = await timeWithCpu(() => openDatabase({ dataFolder: partsFolder, databaseUrl: "" }));
  report("PGlite: reopen the database", reopenTime);
  await reopened.close();

  for (const name of databases) {
    if (name === "pglite") {
      const dataFolder = mkdtempSync(join(scratch, "pglite-"));
      const pglite: Target = {
        name: "PGlite (embedded, the default: a commit waits for the disk)",
        label: "PGlite",
        env: { ACCORD_DATA_DIR: dataFolder, DATABASE_URL: "" },
        open: () => openDatabase({ dataFolder, databaseUrl: "" }),
      };
      await benchTarget(pglite);
      await benchWriteWithoutFsync(pglite);
    } else if (name === "postgres") {
      const bin = postgresBinaries();
      if (bin === undefined && !process.env.BENCH_DATABASE_URL) {
        line();
        line("PostgreSQL: not measured (install Debian's postgresql package, or set BENCH_DATABASE_URL to an admin URL)");
        continue;
      }
      let adminUrl = process.env.BENCH_DATABASE_URL ?? "";
      if (!adminUrl && bin !== undefined) {
        const cluster = await startThrowawayCluster(bin);
        cleanUp.push(cluster.stop);
        adminUrl = cluster.url;
      }
      const { default: pg } = await import("pg");
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const databaseName = `accord_bench_${process.pid}`;
      await admin.query(`CREATE DATABASE ${databaseName}`);
      await admin.end();
      // Dropped at the end, before the cluster (if any) stops: a shared server keeps no bench data.
      cleanUp.unshift(async () => {
        const dropper = new pg.Client({ connectionString: adminUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${databaseName}`);
        await dropper.end();
      });
      const url = new URL(adminUrl);
      url.pathname = `/${databaseName}`;
      const databaseUrl = url.toString();
      await benchTarget({
        name: `PostgreSQL (${process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : "a throw-away local cluster, fsync off"})`,
        label: "PostgreSQL",
        env: { DATABASE_URL: databaseUrl, ACCORD_DATA_DIR: join(scratch, "unused") },
        open: () => openDatabase({ databaseUrl }),
      });
    }
  }
  line();
  // The six-monthly report's generation time (issue 9: under 5 s), one shot on its own PGlite copy.
  for (const text of reportTimingLines(await measureReport())) line(text);
  line();
  line(`The bench took ${secondsText(performance.now() - benchStarted)}.`);
} finally {
  for (const step of cleanUp) await step();
  rmSync(scratch, { recursive: true, force: true });
}
