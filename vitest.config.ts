import { availableParallelism } from "node:os";
import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";
import { BUILD_DEFINES } from "./vite.config";

export default defineConfig({
  plugins: [preact()],
  define: BUILD_DEFINES,
  test: {
    environment: "node",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Most files wait on child processes and fake servers, not the CPU: two workers even on two cores
    // (vitest's default there is one) halve the run; docs/benchmarks.md "CI time".
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
