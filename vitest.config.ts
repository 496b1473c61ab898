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
  },
});
