import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The Tauri CLI runs from the repository root; this config roots Vite in ui/.
// `mode: "blank"` (ui/build.mjs, test-hook builds only) builds the start-up benchmark's bare page
// (tests/bench/startup.py) into the same dist/, beside the app's page; never in the shipped app.
export default defineConfig(({ mode }) => ({
  root: __dirname,
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true, host: "127.0.0.1" },
  build: {
    outDir: "dist",
    emptyOutDir: mode !== "blank",
    target: "safari15",
    sourcemap: false,
    rollupOptions: { input: `${__dirname}/${mode === "blank" ? "blank" : "index"}.html` },
  },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"] },
}));
