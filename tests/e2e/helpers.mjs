// What the end-to-end test files share: starting a session on the app, field helpers, the leak scan.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { WebDriver, waitForDriver } from "./webdriver.mjs";

export const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
export const APP = process.env.WINROLL_APP;
export const HOME = process.env.WINROLL_E2E_HOME;
export const ARTIFACTS = process.env.WINROLL_E2E_ARTIFACTS ?? "target/e2e";
/** Where the app's file dialogs point during the tests (native dialogs cannot be driven). */
export const DIALOG_FILE = process.env.WINROLL_TEST_DIALOG_FILE;

export async function startApp() {
  await waitForDriver(DRIVER);
  return WebDriver.start(DRIVER, { "tauri:options": { application: APP } });
}

export function fields(wd) {
  return {
    problemsAt: async (id) => {
      const el = await wd.byId(`${id}--problems`);
      return el ? wd.text(el) : "";
    },
    valueOf: async (id) => wd.property(await wd.mustId(id), "value"),
    setField: async (id, text) => wd.type(await wd.mustId(id), text),
  };
}

/** Every file under `dir` that holds one of `secrets` (as UTF-8 or UTF-16). */
export function filesHolding(dir, secrets) {
  const leaks = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const info = statSync(path, { throwIfNoEntry: false });
      if (!info) continue;
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) {
        const bytes = readFileSync(path);
        for (const secret of secrets) {
          if (bytes.includes(secret) || bytes.includes(Buffer.from(secret, "utf16le"))) leaks.push(`${path}: ${secret.slice(0, 12)}…`);
        }
      }
    }
  };
  walk(dir);
  return leaks;
}
