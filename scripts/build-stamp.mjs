// @ts-check
/**
 * Whether the build in dist/ was made from the sources as they are now. A hash of every input
 * (sources, package files, the lockfile, this script and the build script) is written beside the
 * build; a build whose hash matches is reused. Plain Node only: the `accord` command reads this on
 * every start, before it knows whether it may skip TypeScript.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const stampFile = resolve(repositoryRoot, "dist/build.json");
export const serverBundle = resolve(repositoryRoot, "dist/server/accord.js");
export const webIndex = resolve(repositoryRoot, "packages/web/dist/index.html");

// What each half of the build is made from, relative to the repository root.
const shared = ["packages/domain/src", "packages/domain/package.json", "package-lock.json", "tsconfig.base.json",
  "scripts/build.mjs", "scripts/build-stamp.mjs"];
export const inputs = {
  web: [...shared, "packages/web/src", "packages/web/public", "packages/web/index.html", "packages/web/vite.config.ts",
    "packages/web/package.json", "packages/web/tsconfig.json"],
  server: [...shared, "packages/server/src", "packages/server/package.json", "packages/server/tsconfig.json"],
};

/** Tests are not part of what runs; changing one must not force a rebuild. */
const isTest = (name) => /\.test\.tsx?$/.test(name);

/** @param {string} path @param {string[]} files */
function collect(path, files) {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) {
    files.push(path);
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) collect(child, files);
    else if (entry.isFile() && !isTest(entry.name)) files.push(child);
  }
}

/**
 * One hash over the named files and folders under root: each file's path and bytes, in a fixed
 * order, so a renamed, added, removed or edited file changes it.
 * @param {string} root @param {readonly string[]} paths
 */
export function hashSources(root, paths) {
  /** @type {string[]} */
  const files = [];
  for (const path of paths) collect(resolve(root, path), files);
  const hash = createHash("sha256");
  for (const file of files.map((f) => relative(root, f).split("\\").join("/")).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(resolve(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * @typedef {{ hash: string, builtAt: string, buildMs: number, files?: string[] }} PartStamp
 * @typedef {{ web?: PartStamp, server?: PartStamp }} Stamp
 */

/** @returns {Stamp} */
export function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, "utf8"));
  } catch {
    return {};
  }
}

/** @param {"web" | "server"} part */
export function outputExists(part) {
  return existsSync(part === "web" ? webIndex : serverBundle);
}

/**
 * Whether the part was built from exactly the current sources.
 * @param {"web" | "server"} part @param {Stamp} [stamp]
 */
export function isCurrent(part, stamp = readStamp()) {
  const recorded = stamp[part];
  return recorded !== undefined && outputExists(part) && recorded.hash === hashSources(repositoryRoot, inputs[part]);
}
