import { defineConfig } from "vitest/config";
import { inlineStyles } from "./src/build/inlineStyles";

// The Tauri CLI runs from the repository root; this config roots Vite in ui/.
// `mode: "blank"` (ui/build.mjs, test-hook builds only) builds the start-up benchmark's bare page
// (tests/bench/startup.py) into the same dist/, beside the app's page; never in the shipped app.
export default defineConfig(({ mode }) => ({
  root: __dirname,
  plugins: [inlineStyles()],
  // Preact's compat layer in React's place: the same components and hooks, a quarter of the script
  // to load and run at start-up (234 → 62 KB; tests/bench/run.sh). The keys cover their subpaths
  // too (react-dom/client); JSX compiles for Preact directly (jsxImportSource in tsconfig.json).
  resolve: { alias: { react: "preact/compat", "react-dom": "preact/compat" } },
  clearScreen: false,
  server: { port: 1420, strictPort: true, host: "127.0.0.1" },
  build: {
    outDir: "dist",
    emptyOutDir: mode !== "blank",
    target: "safari15",
    sourcemap: false,
    rollupOptions: { input: `${__dirname}/${mode === "blank" ? "blank" : "index"}.html` },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    // The testing library's ES module, through Vite, so that it renders with Preact too (its
    // package main is CommonJS, whose require("react-dom") no alias reaches).
    alias: { "@testing-library/react": "@testing-library/react/dist/@testing-library/react.esm.js" },
    server: { deps: { inline: [/@testing-library/] } },
  },
}));
