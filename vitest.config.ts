import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/** `FOREMAN_TEST_SUITE=system vitest run` selects the tests that need a built server. */
const system = process.env.FOREMAN_TEST_SUITE === "system";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside a React Server Component bundle; in plain Node tests it is a no-op.
      "server-only": fileURLToPath(new URL("./tests/support/server-only-stub.ts", import.meta.url)),
    },
  },
  test: system
    ? // Against the production build in real server processes: run after `next build`.
      { include: ["tests/system/**/*.test.ts"], environment: "node", testTimeout: 120_000, hookTimeout: 90_000, fileParallelism: false }
    : { include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"], environment: "node", testTimeout: 20_000, pool: "forks" },
});
