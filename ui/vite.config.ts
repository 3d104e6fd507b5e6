import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The Tauri CLI runs from the repository root; this config roots Vite in ui/.
export default defineConfig({
  root: __dirname,
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true, host: "127.0.0.1" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    sourcemap: false,
    // blank.html is the start-up benchmark's bare page (tests/bench/startup.py): test-hook builds
    // only (VITE_WINROLL_TEST_HOOKS=1), never in the shipped app.
    rollupOptions: {
      input: {
        main: `${__dirname}/index.html`,
        ...(process.env.VITE_WINROLL_TEST_HOOKS === "1" ? { blank: `${__dirname}/blank.html` } : {}),
      },
    },
  },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"] },
});
