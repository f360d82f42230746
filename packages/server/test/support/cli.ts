/** Runs the real `accord` command in a child process, as a person or a script would. */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { repositoryRoot } from "../../src/db/client.js";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const accordBin = resolve(repositoryRoot, "packages/server/bin/accord.js");

export function runAccord(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [accordBin, ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ACCORD_LOG: "off", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`accord ${args.join(" ")} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}
