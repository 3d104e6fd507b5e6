// Nothing typed is lost: a killed app offers its draft back; templates go to files and come back.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  ARTIFACTS,
  clipboard,
  createRequests,
  DIALOG_FILE,
  fields,
  filesHolding,
  HOME,
  killApp,
  pageContents,
  SANDBOX_TOKEN,
  saveChanges,
  startApp,
  VALIDATE_DELAY_FILE,
  waitForCreate,
  WRITABLE_PLACES,
} from "./helpers.mjs";
import { startVendorServer } from "./vendor-server.mjs";

const unique = `${process.pid}-${Date.now()}`;
const IMPORTED_SECRET = `imported-secret-LEAKCHECK-${unique}`;
let wd;
const f = () => fields(wd);

async function discardLeftoverDraft() {
  await wd.mustId("name", 30_000);
  const banner = await wd.byId("discard-draft");
  if (banner) await wd.click(banner);
}

describe("drafts and files in the real window", () => {
  before(async () => {
    assert.ok(DIALOG_FILE, "WINROLL_TEST_DIALOG_FILE must be set");
    wd = await startApp();
    await discardLeftoverDraft();
  });

  after(async () => {
    await wd?.quit();
  });

  test("a killed app offers to restore exactly what was typed", async () => {
    await f().setField("name", "Crash recovery");
    await f().setField("rules[0].winPolicyId", "64b7f0c2a1e4d5f6a7b8c9d0");
    await f().setField("segmentId", "abc");
    await f().setField("description", "typed before the crash");
    // The draft is saved a moment after typing stops: wait for the file to hold the last field.
    const draftFile = join(HOME, ".local/share/winroll/draft.json");
    await wd.waitFor(
      () => existsSync(draftFile) && readFileSync(draftFile, "utf8").includes("typed before the crash"),
      "the draft saved",
      20_000,
    );
    killApp();
    await wd.quit();

    wd = await startApp();
    const banner = await wd.mustId("restore-banner", 30_000);
    assert.match(await wd.text(banner), /Winroll closed while you were editing “Crash recovery”/);
    await wd.click(await wd.mustId("restore-draft"));
    assert.equal(await f().valueOf("name"), "Crash recovery");
    assert.equal(await f().valueOf("segmentId"), "abc", "even a wrong value comes back as typed");
    assert.equal(await f().valueOf("description"), "typed before the crash");
    await wd.waitFor(
      async () => (await f().problemsAt("segmentId")).includes('got the string "abc"'),
      "the problem shown again",
    );
    await wd.screenshot(join(ARTIFACTS, "restored.png"));
  });

  test("export then import gives the same template", async () => {
    await f().setField("segmentId", "2");
    await f().open("rules[0].winPolicyAssignments");
    await wd.click(await wd.must("button.add-assignment"));
    await f().setField("rules[0].winPolicyAssignments[0].winPolicyId", "64b7f0c2a1e4d5f6a7b8c9d1");
    await f().setField("rules[0].winPolicyAssignments[0].priority", "42");
    await wd.waitFor(async () => wd.enabled(await wd.mustId("export-template")), "export ready");
    await wd.click(await wd.mustId("export-template"));
    await wd.waitFor(async () => (await wd.text(await wd.mustId("file-status"))).startsWith("Saved"), "exported");
    const exported = JSON.parse(readFileSync(DIALOG_FILE, "utf8"));
    assert.equal(exported.$schema, "https://winroll.dev/schema/enrollment-template.v1.json");
    assert.deepEqual(exported.rules, [
      {
        winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0",
        winPolicyAssignments: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d1", priority: 42 }],
      },
    ]);

    await wd.click(await wd.mustId("new-template"));
    await wd.waitFor(async () => (await f().valueOf("name")) === "", "a new, empty form");
    await wd.click(await wd.mustId("import-template"));
    // The report first; the form is replaced only when the user takes the file.
    assert.match(await wd.text(await wd.mustId("import-report-heading")), /: valid$/);
    assert.equal(await f().valueOf("name"), "", "the form stays until the file is taken");
    await wd.click(await wd.mustId("import-apply"));
    await wd.waitFor(async () => (await f().valueOf("name")) === "Crash recovery", "imported");
    assert.equal(await f().valueOf("description"), "typed before the crash");
    assert.equal(await f().valueOf("segmentId"), "2");
    await f().open("rules[0].winPolicyAssignments");
    assert.equal(await f().valueOf("rules[0].winPolicyAssignments[0].priority"), "42");
    assert.match(await wd.text(await wd.mustId("file-status")), /^Imported/);

    // Exporting what was imported gives the same file.
    unlinkSync(DIALOG_FILE);
    await wd.click(await wd.mustId("export-template"));
    await wd.waitFor(() => existsSync(DIALOG_FILE), "exported again");
    assert.deepEqual(JSON.parse(readFileSync(DIALOG_FILE, "utf8")), exported);
  });

  test("import shows the file's report first: a misspelling with its suggestion, nothing converted", async () => {
    const before = await f().valueOf("name");
    writeFileSync(
      DIALOG_FILE,
      JSON.stringify({
        name: "Odd file",
        rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0" }],
        allowAutoContinue: "true",
        segmentID: 1,
        ownerTeam: "IT",
        id: "6b0bad6ffa4a2a9b1c36c259",
      }),
    );
    await wd.click(await wd.mustId("import-template"));
    const errors = await wd.text(await wd.mustId("import-errors"));
    assert.match(errors, /segmentID: unknown field; did you mean "segmentId"\?/);
    assert.match(errors, /allowAutoContinue: expected true or false, got the string "true"/);
    const warnings = await wd.text(await wd.mustId("import-warnings"));
    assert.match(warnings, /ownerTeam: not a field of the vendor's page/);
    assert.match(warnings, /id: set by the server: ignored here, never sent/);
    await wd.click(await wd.mustId("import-cancel"));
    assert.equal(await f().valueOf("name"), before, "cancelled: the form is as it was");
    // Taken, the odd values stay as they came, shown where the editor cannot hold them.
    await wd.click(await wd.mustId("import-template"));
    await wd.click(await wd.mustId("import-apply"));
    await wd.waitFor(async () => (await f().valueOf("name")) === "Odd file", "imported");
    const kept = await wd.text(await wd.mustId("template--kept"));
    assert.match(kept, /allowAutoContinue: "true"/);
    assert.match(kept, /segmentID: 1/);
    assert.match(kept, /ownerTeam: "IT"/);
    assert.ok(!kept.includes("6b0bad6ffa4a2a9b1c36c259"), "what the server sets is not kept");
  });

  test("a file carrying a client secret is accepted and the secret moves to the keychain", async () => {
    const file = {
      name: "Carried secret",
      rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0" }],
      entraId: {
        mobilityApp: { tenantId: `tenant-import-${unique}`, clientId: "client-import", clientSecret: IMPORTED_SECRET },
      },
    };
    writeFileSync(DIALOG_FILE, JSON.stringify(file));
    await wd.click(await wd.must('#target option[value="sandbox:winroll-demo"]'));
    await wd.click(await wd.mustId("import-template"));
    assert.match(await wd.text(await wd.mustId("import-secret")), /client secret is now in your keychain/);
    await wd.click(await wd.mustId("import-apply"));
    await wd
      .waitFor(
        async () => (await wd.text(await wd.mustId("file-status"))).includes("client secret is now in your keychain"),
        "told about the move",
      )
      .catch(async (e) => {
        await wd.screenshot(join(ARTIFACTS, "import-secret-failure.png"));
        throw new Error(`${e.message}; status: ${await wd.text(await wd.mustId("file-status"))}`);
      });
    await f().open("entraId");
    await wd.must('[data-testid="secret-status"]', 15_000);
    const page = await pageContents(wd);
    assert.ok(!page.includes(IMPORTED_SECRET), "the imported secret reached the web view");
    await wd.waitFor(
      async () => wd.enabled(await wd.mustId("create-button")),
      "ready to create with the stored secret",
      15_000,
    );
    // A copied curl call and an export name the secret's variable, never its value.
    await wd.click(await wd.mustId("copy-curl"));
    const curl = await wd.waitFor(() => {
      const c = clipboard();
      return c.startsWith("curl ") ? c : null;
    }, "the curl call on the clipboard");
    assert.ok(
      curl.includes('"clientSecret": "$WINROLL_CLIENT_SECRET"') && curl.includes("Bearer $WINROLL_TOKEN"),
      curl,
    );
    assert.ok(!curl.includes(IMPORTED_SECRET));
    unlinkSync(DIALOG_FILE);
    await wd.click(await wd.mustId("export-template"));
    await wd.waitFor(() => existsSync(DIALOG_FILE), "exported");
    const exported = readFileSync(DIALOG_FILE, "utf8");
    assert.ok(!exported.includes(IMPORTED_SECRET) && !exported.includes("clientSecret"), exported);
    await wd.click(await wd.mustId("create-button"));
    await wd.must("#result-card", 15_000).catch(async (e) => {
      await wd.screenshot(join(ARTIFACTS, "import-secret-failure.png"));
      throw e;
    });
    // Nothing the app wrote (drafts, history, profiles, WebKit's own files) holds the secret.
    assert.deepEqual(filesHolding(WRITABLE_PLACES(), [IMPORTED_SECRET]), []);
  });

  test("the templates view filters and clones; history copies the link from the keychain", async () => {
    await wd.click(await wd.must("#result-card button:last-child"));
    await wd.click(await wd.mustId("templates-button"));
    await f().setField("templates-filter", "Carried");
    const table = await wd.must("table.list", 15_000);
    await wd.waitFor(
      async () =>
        (await wd.text(table)).includes("Carried secret") && !(await wd.text(table)).includes("Crash recovery"),
      "filtered list",
    );
    await wd.screenshot(join(ARTIFACTS, "templates.png"));
    // What the list command hands the window: ids and server URLs, never an enrollment token.
    const listed = await wd.executeAsync(
      "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('list_templates', { request: { target: { kind: 'sandbox', organizationId: 'winroll-demo' }," +
        " query: { page: 1, limit: 100 } } }).then((page) => done(JSON.stringify(page)), (e) => done('error: ' + JSON.stringify(e)));",
    );
    assert.match(listed, /Carried secret/);
    assert.match(listed, /serverUrl/);
    assert.ok(!listed.includes("enroll_"), "a list handed enrollment tokens to the window");
    // By keys (Enter on the focused button): a WebDriver click on the row, just re-rendered by the
    // filter's answer, was once lost: the editor never opened.
    await wd.cmd(`/element/${await wd.must('button[aria-label="Clone Carried secret"]')}/value`, "POST", {
      text: "\uE007",
    });
    await wd.waitFor(async () => (await f().valueOf("name")) === "Carried secret (copy)", "the clone in the editor");
    await f().open("entraId");
    assert.equal(await f().valueOf("entraId.mobilityApp.tenantId"), `tenant-import-${unique}`);
    await wd.must('[data-testid="secret-status"]', 15_000);

    await wd.click(await wd.mustId("history-button"));
    const history = await wd.must("table.list", 15_000);
    assert.match(await wd.text(history), /Carried secret/);
    await wd.screenshot(join(ARTIFACTS, "history.png"));
    const row = (
      await wd.cmd("/elements", "POST", {
        using: "xpath",
        value: "//tr[contains(., 'Carried secret')]//button[text()='Link']",
      })
    )[0];
    await wd.click(Object.values(row)[0]);
    const link = await wd.waitFor(() => {
      const c = clipboard();
      return c.startsWith("ms-device-enrollment:?mode=mdm&servername=") ? c : null;
    }, "the link on the clipboard");
    assert.match(link, /accesstoken=enroll_[0-9a-f]+$/);
    assert.match(await wd.text(await wd.must(".history-screen .copy-status")), /cleared in 30 s/);
    const page = await pageContents(wd);
    assert.ok(!page.includes(link.split("accesstoken=")[1]), "the history's token never reaches the window");
  });

  test("a create whose answer never comes is looked up by name, not retried into a duplicate", async () => {
    await wd.click(await wd.must(".screen > button:last-child"));
    await wd.click(await wd.mustId("new-template"));
    await wd.click(await wd.must('#target option[value="sandbox:fault-delay-40000"]'));
    const sandboxUrl = await wd.text(await wd.mustId("sandbox-url"));
    const before = await createRequests(sandboxUrl, "fault-delay-40000");
    await f().setField("name", `Slow server ${unique}`);
    await f().setField("rules[0].winPolicyId", "64b7f0c2a1e4d5f6a7b8c9d0");
    await waitForCreate(wd);
    await wd.click(await wd.mustId("create-button"));
    // The app gives up after 3 s, sees the request had left, lists the name and finds it.
    const card = await wd.must("#result-card", 20_000);
    assert.match(await wd.text(card), new RegExp(`Created “Slow server ${unique}”`));
    await wd.click(await wd.must("#result-card button:last-child"));
    await wd.click(await wd.mustId("templates-button"));
    await f().setField("templates-filter", `Slow server ${unique}`);
    await wd.waitFor(
      async () => (await wd.text(await wd.must("table.list"))).includes(`Slow server ${unique}`),
      "listed",
    );
    const rows = await wd.cmd("/elements", "POST", { using: "css selector", value: "table.list tbody tr" });
    assert.equal(rows.length, 1, "exactly one template of that name");
    // The server itself counts: one create request, never a retry (the sandbox would refuse a
    // second template of the name, so only the request count can show a duplicate attempt).
    assert.equal((await createRequests(sandboxUrl, "fault-delay-40000")) - before, 1, "create requests sent");
  });

  test("the log folder names each command, how it ended, and no credential", async () => {
    await wd.click(await wd.must(".screen > button:last-child"));
    // A command that fails, as a window might call it: its code is logged, never its message.
    const refused = await wd.executeAsync(
      "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('remove_profile', { request: { name: 'absent-LOGCHECK' } })" +
        ".then(() => done('removed'), (e) => done(e.code));",
    );
    assert.equal(refused, "profiles.unknown");
    await wd.click(await wd.mustId("open-logs"));
    const status = await wd.waitFor(async () => {
      const text = await wd.text(await wd.mustId("logs-status"));
      return text.startsWith("Logs are in ") ? text : null;
    }, "the log folder's path");
    const folder = status.slice("Logs are in ".length);
    assert.ok(folder.startsWith(HOME), `${folder} is in the app's HOME`);
    const files = readdirSync(folder).filter((name) => /^winroll\.\d{4}-\d{2}-\d{2}\.log$/.test(name));
    assert.equal(files.length, 1, `one file a day in ${folder}: ${readdirSync(folder)}`);
    const log = readFileSync(join(folder, files[0]), "utf8");
    // Each command once, with its duration; a failure with its code and never its message.
    assert.match(log, /done command="create_template" ms=\d+/);
    assert.match(log, /done command="list_templates" ms=\d+/);
    assert.match(log, /failed command="remove_profile" ms=\d+ code=profiles\.unknown/);
    assert.ok(!log.includes("LOGCHECK"), "no message (the user's text) in the log");
    assert.ok(!log.includes("Carried secret"), "no template name in the log");
    assert.deepEqual(filesHolding([folder], [IMPORTED_SECRET]), []);
  });

  test("a killed app while editing restores the editing too: Save changes updates that template", async () => {
    const token = `vendor-${unique}`;
    const vendor = await startVendorServer(token);
    try {
      const org = "acme-vendor";
      const name = `Edited before the crash ${unique}`;
      const id = vendor.seed(org, {
        name,
        rules: [{ winPolicyAssignments: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0", priority: 1 }] }],
      });
      await wd.click(await wd.mustId("profiles-button"));
      await f().setField("profile-name", "vendor-e2e");
      await f().setField("profile-org", org);
      await f().setField("profile-url", vendor.url);
      await f().setField("profile-token", token);
      await wd.click(await wd.must('.profiles-screen button[type="submit"]'));
      await wd.waitFor(async () => (await f().valueOf("profile-token")) === "", "profile saved");
      await wd.click(await wd.must(".screen > button:last-child"));
      await wd.click(await wd.must('#target option[value="profile:vendor-e2e"]'));
      await wd.click(await wd.mustId("templates-button"));
      await f().setField("templates-filter", name);
      await wd.waitFor(async () => (await wd.text(await wd.must("table.list", 15_000))).includes(name), "listed");
      await wd.click(await wd.must(`button[aria-label="Edit ${name}"]`));
      await wd.mustId("editing-banner", 15_000);
      await f().setField("description", "typed while editing");
      const draftFile = join(HOME, ".local/share/winroll/draft.json");
      await wd.waitFor(
        () => existsSync(draftFile) && readFileSync(draftFile, "utf8").includes("typed while editing"),
        "the draft saved",
        20_000,
      );
      killApp();
      await wd.quit();

      wd = await startApp();
      await wd.click(await wd.mustId("restore-draft", 30_000));
      const banner = await wd.mustId("editing-banner", 15_000);
      assert.match(await wd.text(banner), new RegExp(`Editing “${name}” \\(${id}\\)`));
      assert.equal(await f().valueOf("description"), "typed while editing");
      await waitForCreate(wd);
      assert.equal(await wd.text(await wd.mustId("create-button")), "Save changes");
      assert.match(await saveChanges(wd), /description/);
      assert.match(await wd.text(await wd.must("#result-card", 15_000)), /Updated/);
      const writes = vendor.requests.filter((r) => r.method !== "GET");
      assert.deepEqual(
        writes.map((r) => `${r.method} ${r.url.split("/").pop()}`),
        [`PUT ${id}`],
        "one update of that template, no second template",
      );
      assert.equal(JSON.parse(writes[0].body).description, "typed while editing");
    } finally {
      await vendor.close();
    }
  });

  test("the Folder screen plans a folder against the sandbox, applies it, and plans clean afterwards", async () => {
    const folder = process.env.WINROLL_TEST_DIALOG_FOLDER;
    await wd.click(await wd.must('#target option[value="sandbox:winroll-demo"]'));
    // The app was restarted by earlier tests (a new in-process sandbox): one template to pull.
    const sandboxUrl = await wd.text(await wd.mustId("sandbox-url"));
    const seeded = await fetch(
      `${sandboxUrl}/v1/organizations/winroll-demo/mdm/windows/enterprise/enrollment-templates/`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${SANDBOX_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ name: `Folder seed ${unique}`, rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0" }] }),
      },
    );
    assert.equal(seeded.status, 200, await seeded.text());
    await wd.click(await wd.mustId("folder-button"));
    await wd.click(await wd.mustId("choose-folder"));
    await wd.waitFor(async () => (await wd.text(await wd.mustId("folder-path"))).includes(folder), "the folder shown");
    // Pull what the organization holds, then plan: nothing to change.
    await wd.click(await wd.mustId("folder-pull-button"));
    await wd.waitFor(
      async () => /[1-9][0-9]* written/.test(await wd.text(await wd.mustId("folder-pulled", 15_000))),
      "pulled",
    );
    const pulled = readdirSync(folder).filter((f) => f.endsWith(".json"));
    assert.ok(pulled.length > 0, "files pulled");
    const plan = async () => {
      await wd.click(await wd.mustId("folder-plan-button"));
      return wd.waitFor(async () => {
        const summary = await wd.byId("folder-plan-summary");
        return summary && !(await wd.byId("folder-progress")) ? wd.text(summary) : null;
      }, "a plan");
    };
    assert.match(await plan(), /^0 to create, 0 to update, \d+ unchanged/);
    // One new file and one edited: planned, then applied with a result each.
    const edited = join(folder, pulled[0]);
    const body = JSON.parse(readFileSync(edited, "utf8"));
    body.description = `edited in the folder ${unique}`;
    writeFileSync(edited, JSON.stringify(body, null, 2));
    writeFileSync(
      join(folder, "from-the-folder.json"),
      JSON.stringify({ name: `From the folder ${unique}`, rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0" }] }),
    );
    assert.match(await plan(), /^1 to create, 1 to update/);
    assert.ok((await wd.text(await wd.mustId("folder-plan"))).includes(`To update: ${body.name}`));
    await wd.click(await wd.mustId("folder-apply-button"));
    const results = await wd.mustId("folder-results", 20_000);
    await wd.waitFor(
      async () => /^0 to create, 0 to update/.test(await wd.text(await wd.mustId("folder-plan-summary"))),
      "planned clean after apply",
      20_000,
    );
    const said = await wd.text(results);
    // The table's text has no line breaks between cells: each name is followed by its result.
    const escaped = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    assert.match(said, new RegExp(`From the folder ${unique}\\s*Created`), said);
    assert.match(said, new RegExp(`${escaped(body.name)}\\s*Updated`), said);
    assert.ok(!(await pageContents(wd)).includes("enroll_"), "no enrollment token in the page");
    await wd.click(await wd.mustId("folder-button"));
  });

  test("typing while a validation answer is on its way: the first attempt holds, a late answer never puts an old value back", async () => {
    // Back to the form from the result card an earlier test left open.
    if (await wd.byId("result-card")) await wd.click(await wd.must("#result-card button:last-child"));
    const name = await wd.mustId("name");
    // Each validation answers 400 ms late: the first text's check (sent once typing pauses for
    // VALIDATE_DELAY_MS, 120 ms) is certainly still on its way while the second is typed.
    assert.ok(VALIDATE_DELAY_FILE, "run through tests/e2e/run.sh");
    writeFileSync(VALIDATE_DELAY_FILE, "400");
    try {
      for (let round = 0; round < 6; round++) {
        await wd.typeOnce(name, `first ${round} ${"x".repeat(round * 11)}`);
        await wd.waitFor(
          async () => (await wd.execute("return document.querySelector('form[aria-busy=\"true\"]') !== null")) || null,
          "the first text's check pending",
        );
        await new Promise((r) => setTimeout(r, 150));
        const now = `second ${round}`;
        assert.equal(await wd.typeOnce(name, now), now, `round ${round}: the field right after typing`);
        await wd.checked();
        assert.equal(await wd.property(name, "value"), now, `round ${round}: the field after the answers landed`);
      }
    } finally {
      unlinkSync(VALIDATE_DELAY_FILE);
    }
  });
});
