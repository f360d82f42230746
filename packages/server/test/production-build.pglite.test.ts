// npm start builds once and reuses the build: scripts/build.mjs skips a part whose sources and
// lockfile are unchanged, and the accord command then runs the compiled server, not TypeScript.
// PGlite only: this is about the command a person types, not about the database.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/db/client.js";
import { accordBin } from "./support/cli.js";
import { hashSources, serverBundle, webIndex } from "../../../scripts/build-stamp.mjs";

const buildScript = resolve(repositoryRoot, "scripts/build.mjs");

function build(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [buildScript, ...args], { cwd: repositoryRoot, encoding: "utf8", timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  // Builds whatever is out of date, as npm start does, so the tests below start from a current build.
  const first = build();
  expect(first.status, first.output).toBe(0);
}, 300_000);

describe("the build step of npm start", () => {
  it("is skipped when nothing changed, leaving the web app and the server as they were", () => {
    const before = [statSync(webIndex).mtimeMs, statSync(serverBundle).mtimeMs];
    const started = performance.now();
    const second = build();
    const tookMs = performance.now() - started;
    expect(second.status, second.output).toBe(0);
    expect(second.output).toMatch(/web app up to date .*skipped/);
    expect(second.output).toMatch(/server up to date .*skipped/);
    expect([statSync(webIndex).mtimeMs, statSync(serverBundle).mtimeMs]).toEqual(before);
    // Well under the restart target of 3 s even on a busy machine; a build takes several seconds.
    expect(tookMs).toBeLessThan(2_500);
    expect(build("--check").status).toBe(0);
  });

  describe("the hash that decides", () => {
    let folder: string;
    beforeAll(() => {
      folder = mkdtempSync(join(tmpdir(), "accord-build-hash-"));
      mkdirSync(join(folder, "src"));
      writeFileSync(join(folder, "src/a.ts"), "export const a = 1;\n");
      writeFileSync(join(folder, "package-lock.json"), "{}\n");
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const hash = (): string => hashSources(folder, ["src", "package-lock.json"]);

    it("changes when a source is edited, added or removed, or the lockfile changes, and not for a test file", () => {
      const original = hash();
      expect(hash()).toBe(original);
      writeFileSync(join(folder, "src/a.test.ts"), "it('is a test');\n");
      expect(hash()).toBe(original);
      writeFileSync(join(folder, "src/a.ts"), "export const a = 2;\n");
      const edited = hash();
      expect(edited).not.toBe(original);
      writeFileSync(join(folder, "src/b.ts"), "export const b = 1;\n");
      const added = hash();
      expect(added).not.toBe(edited);
      rmSync(join(folder, "src/b.ts"));
      expect(hash()).toBe(edited);
      writeFileSync(join(folder, "package-lock.json"), '{"lockfileVersion":3}\n');
      expect(hash()).not.toBe(edited);
    });
  });
});

/** The packages a built file imports before it runs (import … from, import "…"), not import(). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)";|^import\s*"([^"]+)";/gms)].map((match) => match[1] ?? match[2] ?? "");
}

describe("the compiled server", () => {
  it("loads the Chromium driver, docx and exceljs only when a document is made, not at start", () => {
    const heavy = ["playwright-core", "docx", "exceljs"];
    // Everything the entry point pulls in before its first line runs: its static imports, and theirs.
    const loadedAtStart = new Set<string>();
    const files = [serverBundle];
    for (const file of files) {
      for (const specifier of staticImports(file)) {
        if (specifier.startsWith("./")) {
          const chunk = resolve(dirname(file), specifier);
          if (!files.includes(chunk)) files.push(chunk);
        } else loadedAtStart.add(specifier);
      }
    }
    expect(loadedAtStart).toContain("fastify");
    for (const name of heavy) expect(loadedAtStart).not.toContain(name);
    // They are in the build, in the chunks the document writers import() when asked for a file.
    const lazy = readdirSync(dirname(serverBundle)).filter((f) => f.endsWith(".js")).map((f) => resolve(dirname(serverBundle), f)).filter((f) => !files.includes(f));
    const loadedLater = new Set(lazy.flatMap(staticImports));
    for (const name of heavy) expect(loadedLater).toContain(name);
  });
});

describe("accord start from the build", () => {
  let dataFolder: string;
  beforeAll(() => {
    dataFolder = mkdtempSync(join(tmpdir(), "accord-production-"));
  });
  afterAll(() => rmSync(dataFolder, { recursive: true, force: true }));

  it("runs the compiled server, which loads the demo into an empty folder and serves the web app, the API and documents", async () => {
    const server = spawn(process.execPath, [accordBin, "start"], {
      cwd: repositoryRoot,
      env: { ...process.env, ACCORD_DATA_DIR: dataFolder, DATABASE_URL: "", PORT: "0", ACCORD_LOG: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const address = await new Promise<string>((resolveAddress, reject) => {
        let output = "";
        server.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Accord is serving at (\S+)/.exec(output);
          if (match?.[1]) resolveAddress(match[1]);
        });
        server.on("exit", (code) => reject(new Error(`the server exited with ${code}: ${output}${stderr}`)));
      });
      expect(stderr).not.toMatch(/running the TypeScript sources/);

      const page = await fetch(`${address}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(`${address}${script ?? ""}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get("content-type")).toMatch(/javascript/);

      const list = await fetch(`${address}/api/agreements`);
      expect(list.status).toBe(200);
      expect(await list.text()).toContain("kent-ka2");

      // The Word and Excel writers are loaded only now, from their own chunks of the build.
      for (const [format, type] of [["docx", /wordprocessingml/], ["xlsx", /spreadsheetml/]] as const) {
        const file = await fetch(`${address}/api/agreements/kent-ka2/submission?format=${format}&asAt=2008-05-01`);
        expect(file.status).toBe(200);
        expect(file.headers.get("content-type")).toMatch(type);
        // Both are ZIP packages: PK\x03\x04.
        expect(Buffer.from(await file.arrayBuffer()).subarray(0, 4).toString("hex")).toBe("504b0304");
      }
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolveExit) => server.once("exit", resolveExit));
    }
  }, 180_000);
});
