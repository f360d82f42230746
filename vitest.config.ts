import { defineConfig } from "vitest/config";

// The pure rules; the API and CLI against a real database, once on PGlite and once on a
// PostgreSQL server; and the web app in Debian's Chromium. Files named *.pglite.test.ts test
// what only the embedded database has (the data folder lock); *.postgres.test.ts what only a
// server has (several Accord processes on one database, concurrent writers).
const serverTests = ["packages/server/test/**/*.test.ts", "packages/server/src/**/*.test.ts"];
const databaseTimeouts = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { name: "domain", include: ["packages/domain/src/**/*.test.ts"] } },
      {
        test: {
          name: "api-pglite",
          include: serverTests,
          exclude: ["**/node_modules/**", "**/*.postgres.test.ts"],
          globalSetup: ["packages/server/test/setup/pglite-template.ts"],
          ...databaseTimeouts,
        },
      },
      {
        test: {
          name: "api-postgres",
          include: serverTests,
          exclude: ["**/node_modules/**", "**/*.pglite.test.ts"],
          globalSetup: ["packages/server/test/setup/postgres-server.ts"],
          ...databaseTimeouts,
        },
      },
      {
        test: {
          name: "browser",
          include: ["e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A page's first read of an agreement builds its view; on a busy CI machine that can take
          // longer than expect.poll's one-second default, which is a wait, not a failure.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
