// The production build: the app's page, then (test-hook builds only) the start-up benchmark's
// blank page, built on its own. Built together, the two entries would share the modules both
// import (api, startup) as separate chunks, and the app's page would fetch three files in a row
// instead of one: measured, about 10 ms of its start-up.
import { fileURLToPath } from "node:url";
import { build } from "vite";

// A path, not a URL's pathname: on Windows that would read "/C:/…".
const config = fileURLToPath(new URL("./vite.config.ts", import.meta.url));
await build({ configFile: config });
if (process.env.VITE_WINROLL_TEST_HOOKS === "1") {
  await build({ configFile: config, mode: "blank" });
}
