#!/usr/bin/env node
// The accord command. Runs the TypeScript sources directly through tsx, so there is no build
// step between a change and the command a person types.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
