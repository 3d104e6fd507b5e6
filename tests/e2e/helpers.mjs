// What the end-to-end test files share: starting a session on the app, field helpers, the
// clipboard, the sandbox's own counts, and the leak scans (files, web storage).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebDriver, waitForDriver } from "./webdriver.mjs";

export const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
export const APP = process.env.WINROLL_APP;
export const HOME = process.env.WINROLL_E2E_HOME;
export const ARTIFACTS = process.env.WINROLL_E2E_ARTIFACTS ?? "target/e2e";
/** Where the app's file dialogs point during the tests (native dialogs cannot be driven). */
export const DIALOG_FILE = process.env.WINROLL_TEST_DIALOG_FILE;
/** While this file holds a number, each validation answers that many milliseconds late. */
export const VALIDATE_DELAY_FILE = process.env.WINROLL_TEST_VALIDATE_DELAY_FILE;
/** The in-process sandbox's token (test-hook builds take it from WINROLL_TEST_SANDBOX_TOKEN). */
export const SANDBOX_TOKEN = process.env.WINROLL_TEST_SANDBOX_TOKEN;

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
    /** Empties a field as a user does, with Backspace (WebDriver's clear fires no input event). */
    emptyField: async (id) => {
      const el = await wd.mustId(id);
      await wd.type(el, "x");
      await wd.cmd(`/element/${el}/value`, "POST", { text: "\uE003" });
      await wd.waitFor(async () => (await wd.property(el, "value")) === "", `${id} emptied`);
    },
    /** Opens a collapsed section (`entraId`, `rules[0].winPolicyAssignments`) as a user would. */
    open: async (id) => {
      const toggle = await wd.mustId(`${id}--toggle`);
      if ((await wd.attribute(toggle, "aria-expanded")) !== "true") await wd.click(toggle);
      await wd.mustId(`${id}--body`);
    },
  };
}

/** Waits until Create can be pressed; a timeout says why the window keeps it disabled. */
export async function waitForCreate(wd, timeout = 15_000) {
  await wd
    .waitFor(async () => wd.enabled(await wd.mustId("create-button")), "Create enabled", timeout)
    .catch(async (e) => {
      const reason = await wd.text(await wd.mustId("create-reason")).catch(() => "?");
      const problems = await wd.text(await wd.mustId("problem-summary")).catch(() => "none");
      throw new Error(`${e.message}; the window says: ${reason}; problems: ${problems}`);
    });
}

/** Presses Save changes, waits for the changes the save would make, and confirms them; answers
 * the text of what was shown. */
export async function saveChanges(wd) {
  await wd.click(await wd.mustId("create-button"));
  const shown = await wd.text(await wd.mustId("confirm-save", 15_000));
  await wd.click(await wd.mustId("confirm-save-button"));
  return shown;
}

/** The X clipboard's text; "" when it holds none. Any other xclip failure throws: a broken
 * clipboard must never pass for a cleared one. */
export function clipboard() {
  const out = spawnSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8", timeout: 5000 });
  if (out.status === 0) return out.stdout;
  if (/target .* not available/i.test(out.stderr ?? "")) return "";
  throw new Error(`xclip failed (${out.status ?? out.signal}): ${out.stderr || out.error}`);
}

/** How many create requests reached the in-process sandbox for `organization`. */
export async function createRequests(sandboxUrl, organization) {
  const res = await fetch(`${sandboxUrl}/_sandbox/stats`, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } });
  if (!res.ok) throw new Error(`sandbox stats: HTTP ${res.status}`);
  const stats = await res.json();
  return stats.organizations?.[organization]?.createRequests ?? 0;
}

/** The app's processes and all their descendants (WebKit's web and network processes), read
 * from /proc while the app runs: once it exits they are re-parented and no longer look like its. */
export function appProcessTree(app = APP) {
  const found = spawnSync("pgrep", ["-f", app], { encoding: "utf8" });
  const roots = found.stdout.split("\n").filter(Boolean).map(Number);
  const parents = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The parent id is the 4th field, after the command name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents)
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
  }
  return [...tree];
}

/** Waits until every process of `tree` (appProcessTree, taken before the session ended) is gone:
 * WebKit writes some storage only when its own processes exit, after the app's. */
export async function waitForExit(tree, timeout = 20_000) {
  if (!Array.isArray(tree) || tree.length === 0) throw new Error("waitForExit: no app process was recorded");
  const alive = () =>
    tree.filter((pid) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z "));
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (alive().length === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`processes ${alive().join(", ")} of the app still run ${timeout} ms after the session ended`);
}

/** Every way a secret could sit in a file: as is, UTF-16 (both byte orders), and base64 or
 * base64url at each of the three alignments a longer encoded text may put it in. */
function encodings(secret) {
  const forms = [Buffer.from(secret), Buffer.from(secret, "utf16le"), Buffer.from(secret, "utf16le").swap16()];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(secret)]).toString("base64");
    // Skip the group that holds the padding bytes and the last group, which depends on what follows.
    const core = encoded.slice(shift ? 4 : 0, -4);
    forms.push(Buffer.from(core), Buffer.from(core.replace(/\+/g, "-").replace(/\//g, "_")));
  }
  return forms;
}

/** The places the app may write: its HOME (which holds its config, data, cache and log
 * folders), the temporary folder, shared memory and the runtime folder. */
export const WRITABLE_PLACES = () =>
  [HOME, process.env.TMPDIR || tmpdir(), "/dev/shm", process.env.XDG_RUNTIME_DIR].filter(Boolean);

/** Every file under `dirs` that holds one of `secrets` in any encoding above. Throws when a
 * folder to scan cannot be read or nothing at all was read: a scan that saw nothing must never
 * pass for one that found nothing. */
export function filesHolding(dirs, secrets) {
  const leaks = [];
  let read = 0;
  const needles = secrets.map((secret) => [secret, encodings(secret)]);
  const walk = (folder) => {
    let names;
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      let info;
      try {
        info = lstatSync(path);
      } catch {
        continue;
      }
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) {
        let bytes;
        try {
          bytes = readFileSync(path);
        } catch {
          continue;
        }
        read += 1;
        for (const [secret, forms] of needles) {
          if (forms.some((form) => bytes.includes(form))) leaks.push(`${path}: ${secret.slice(0, 12)}…`);
        }
      }
    }
  };
  for (const dir of Array.isArray(dirs) ? dirs : [dirs]) {
    try {
      readdirSync(dir);
    } catch (e) {
      throw new Error(`the leak scan cannot read ${dir}: ${e.message}`);
    }
    walk(dir);
  }
  if (read === 0) throw new Error(`the leak scan read no file under ${dirs}`);
  return leaks;
}

/** Everything the page holds: its HTML, localStorage, sessionStorage and every IndexedDB record. */
export async function pageContents(wd) {
  const html = await wd.execute("return document.documentElement.outerHTML");
  const storage = await wd.execute(
    "const dump = (s) => { const o = {}; for (let i = 0; i < s.length; i++) o[s.key(i)] = s.getItem(s.key(i)); return o; };" +
      "return JSON.stringify({ local: dump(localStorage), session: dump(sessionStorage) });",
  );
  const indexed = await wd.executeAsync(
    "const done = arguments[arguments.length - 1];" +
      "(async () => {" +
      "  const out = [];" +
      "  for (const info of (await indexedDB.databases?.()) ?? []) {" +
      "    const db = await new Promise((ok, no) => { const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });" +
      "    for (const store of db.objectStoreNames) {" +
      "      const all = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ok([]); });" +
      "      out.push(JSON.stringify(all));" +
      "    }" +
      "    db.close();" +
      "  }" +
      "  return out.join('\\n');" +
      "})().then(done, (e) => done('indexedDB: ' + e));",
  );
  return `${html}\n${storage}\n${indexed}`;
}

/** Kills every process of the app (a crash, as far as the app can tell). */
export function killApp() {
  execFileSync("pkill", ["-KILL", "-f", APP]);
}
