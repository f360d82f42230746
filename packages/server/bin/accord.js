#!/usr/bin/env node
// The accord command. Runs the compiled server in dist/server when it was built from the sources
// as they are now (npm start builds it: node scripts/build.mjs); otherwise runs the TypeScript
// sources through tsx, so a change is never hidden behind an old build.
import { pathToFileURL } from "node:url";
import { isCurrent, serverBundle } from "../../../scripts/build-stamp.mjs";

if (isCurrent("server")) {
  // Error stacks name the TypeScript source lines, as they do when running the sources.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(serverBundle).href);
} else {
  const command = process.argv[2];
  if (command === "start" || command === "serve") {
    process.stderr.write("accord: running the TypeScript sources, which starts slower; node scripts/build.mjs builds them\n");
  }
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
