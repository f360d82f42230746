/**
 * ACCORD_TRUST_PROXY read by the real server: `accord serve` behind a proxy that says the client
 * used HTTPS gives a Secure session cookie; a value it cannot read stops start with its name.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/db/client.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { accordBin, runAccord } from "./support/cli.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.close();
});
afterAll(async () => {
  await database?.destroy();
});

describe("accord serve with ACCORD_TRUST_PROXY", () => {
  it("believes the proxy's X-Forwarded-Proto and marks the session cookie Secure", async () => {
    const server = spawn(process.execPath, [accordBin, "serve"], {
      cwd: repositoryRoot,
      env: { ...process.env, ...database.env, PORT: "0", ACCORD_LOG: "off", ACCORD_TRUST_PROXY: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let output = "";
        server.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Accord is serving at (\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        server.on("exit", (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
      });
      const signIn = (headers: Record<string, string>) =>
        fetch(`${address}/api/session`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ email: "member@kent.example", password: "kent-demo-2008" }),
        });
      const proxied = await signIn({ "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7" });
      expect(proxied.status).toBe(200);
      expect(proxied.headers.get("set-cookie")).toMatch(/; Secure/);
      const plain = await signIn({});
      expect(plain.status).toBe(200);
      expect(plain.headers.get("set-cookie")).not.toMatch(/Secure/);
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
  }, 180_000);

  it("refuses to start with a value it cannot read, naming the setting", async () => {
    const result = await runAccord(["serve"], { ...database.env, PORT: "0", ACCORD_TRUST_PROXY: "the load balancer" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ACCORD_TRUST_PROXY must be true, false, or the proxies' addresses/);
  });
});
