#!/usr/bin/env node
// @ts-check
/**
 * `node scripts/build.mjs` (run by npm start and npm test): builds the web app with Vite into
 * packages/web/dist and bundles the server with esbuild into dist/server, each only when its
 * sources or the lockfile changed since the last build (see build-stamp.mjs), so a restart does
 * not wait for a build.
 *   --force   build both even when up to date
 *   --check   build nothing; exit 0 when both are up to date, 1 when either needs building
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { hashSources, inputs, isCurrent, readStamp, repositoryRoot, stampFile } from "./build-stamp.mjs";

const serverOut = resolve(repositoryRoot, "dist/server");
const webFolder = resolve(repositoryRoot, "packages/web");

/** @param {string} text */
const say = (text) => process.stdout.write(`build: ${text}\n`);

/** Vite's command from wherever npm put it (the web package's node_modules or the root's). */
function viteCommand() {
  for (let folder = webFolder; ; folder = dirname(folder)) {
    const bin = resolve(folder, "node_modules/vite/bin/vite.js");
    if (existsSync(bin)) return bin;
    if (dirname(folder) === folder) throw new Error("Vite is not installed: run npm ci first");
  }
}

function buildWeb() {
  const result = spawnSync(process.execPath, [viteCommand(), "build", "--logLevel", "warn"], { cwd: webFolder, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`the web app did not build (vite exited with ${result.status})`);
}

/**
 * Every package the server imports stays in node_modules, loaded at run time as when running the
 * sources; only our own TypeScript (the server and @accord/domain) is compiled into the bundle.
 * @type {import("esbuild").Plugin}
 */
const keepPackagesExternal = {
  name: "keep-packages-external",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@accord/") ? undefined : { path: args.path, external: true }));
  },
};

/**
 * A source file that finds things beside itself (the migrations, the repository root) keeps
 * finding them: its import.meta.url becomes its own source path, reached from the bundle's
 * folder, instead of the bundle's. The bundle and its chunks all sit directly in serverOut.
 * @param {string} outFolder
 * @returns {import("esbuild").Plugin}
 */
function keepSourceLocations(outFolder) {
  return {
    name: "keep-source-locations",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta.url")) return undefined;
        // Except a file that starts a worker thread: its worker is compiled beside the bundle
        // (see workerEntries), so it must see the bundle's own location.
        if (text.includes("node:worker_threads") && text.includes("new Worker(")) return undefined;
        const fromBundle = relative(outFolder, args.path).split("\\").join("/");
        const contents = text.replaceAll("import.meta.url", `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`);
        return { contents, loader: "ts" };
      });
    },
  };
}

/**
 * Code a worker thread runs (a src file named *-worker.ts) is an entry point of its own, compiled to
 * dist/server/<name>.js beside the bundle, where the file that starts it looks for it.
 * @param {string} folder
 * @returns {Record<string, string>}
 */
function workerEntries(folder) {
  /** @type {Record<string, string>} */
  const entries = {};
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith("-worker.ts")) entries[entry.name.slice(0, -3)] = resolve(entry.parentPath, entry.name);
  }
  return entries;
}

async function buildServer() {
  const { build } = await import("esbuild");
  const staging = `${serverOut}.staging`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: { accord: resolve(repositoryRoot, "packages/server/src/cli/main.ts"), ...workerEntries(resolve(repositoryRoot, "packages/server/src")) },
    outdir: staging,
    bundle: true,
    // Code reached only through import() (the DOCX, XLSX and PDF writers) gets its own chunk, so
    // its libraries load when a document is made rather than on every start.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    chunkNames: "[name]-[hash]",
    logLevel: "warning",
    plugins: [keepPackagesExternal, keepSourceLocations(serverOut)],
  });
  // Moved in file by file, chunks before the entry points that import them, so a process
  // starting meanwhile finds every file its entry names. A server already running from the last
  // build (several may share one PostgreSQL) still finds the chunks it has yet to import: files
  // of the last build stay; only older ones are removed.
  mkdirSync(serverOut, { recursive: true });
  const files = readdirSync(staging);
  const isEntry = (/** @type {string} */ file) => !/-[A-Z0-9]{8}\.js(\.map)?$/.test(file);
  for (const file of [...files.filter((f) => !isEntry(f)), ...files.filter(isEntry)]) renameSync(resolve(staging, file), resolve(serverOut, file));
  rmSync(staging, { recursive: true, force: true });
  const lastBuild = new Set(readStamp().server?.files ?? []);
  for (const file of readdirSync(serverOut)) {
    if (!files.includes(file) && !lastBuild.has(file)) rmSync(resolve(serverOut, file), { force: true });
  }
  return files;
}

const lockFile = resolve(repositoryRoot, "dist/build.lock");

/** @param {number} pid */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/**
 * One build at a time (npm start while the tests build, two browser test files): the second
 * waits, then finds the first one's build current and skips. A lock left by a build that died is
 * taken over.
 */
async function takeBuildLock() {
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let waitedMs = 0; ; waitedMs += 200) {
    try {
      const handle = openSync(lockFile, "wx");
      writeSync(handle, String(process.pid));
      closeSync(handle);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lockFile, "utf8"));
      if (!Number.isInteger(holder) || holder <= 0 || !isRunning(holder)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (waitedMs === 0) say(`waiting for another build (process ${holder})`);
      await new Promise((resume) => setTimeout(resume, 200));
    }
  }
}

const args = new Set(process.argv.slice(2));
const force = args.has("--force");
let stamp = readStamp();
/** @type {Array<["web" | "server", string, () => unknown]>} */
const parts = [["web", "web app", buildWeb], ["server", "server", buildServer]];

if (args.has("--check")) {
  const stale = parts.filter(([part]) => !isCurrent(part, stamp)).map(([, name]) => name);
  say(stale.length === 0 ? "up to date" : `needs building: ${stale.join(", ")}`);
  process.exit(stale.length === 0 ? 0 : 1);
}

const started = performance.now();
/** @type {(() => void) | undefined} */
let releaseLock;
try {
  if (force || parts.some(([part]) => !isCurrent(part, stamp))) {
    releaseLock = await takeBuildLock();
    // Another build may have finished while this one waited.
    stamp = readStamp();
  }
  for (const [part, name, run] of parts) {
    if (!force && isCurrent(part, stamp)) {
      say(`${name} up to date (built ${stamp[part]?.builtAt ?? "before"}), skipped`);
      continue;
    }
    const partStarted = performance.now();
    // The hash is of the sources as they were when the build began: an edit made during the
    // build makes the next start build again rather than be missed.
    const hash = hashSources(repositoryRoot, inputs[part]);
    const files = await run();
    const buildMs = Math.round(performance.now() - partStarted);
    stamp[part] = { hash, builtAt: new Date().toISOString(), buildMs, ...(Array.isArray(files) ? { files } : {}) };
    mkdirSync(dirname(stampFile), { recursive: true });
    writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
    say(`${name} built in ${(buildMs / 1000).toFixed(1)} s`);
  }
  say(`done in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  releaseLock?.();
}
