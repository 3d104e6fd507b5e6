// The real Winroll window, driven through tauri-driver and WebKitWebDriver against the built-in
// sandbox: what a newcomer does on a first run, and what must never leak.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  APP,
  appProcessTree,
  ARTIFACTS,
  clipboard,
  fields,
  filesHolding,
  HOME,
  pageContents,
  startApp,
  waitForCreate,
  waitForExit,
  WRITABLE_PLACES,
} from "./helpers.mjs";

const unique = `${process.pid}-${Date.now()}`;
const API_TOKEN = `api-token-LEAKCHECK-${unique}`;
const CLIENT_SECRET = `client-secret-LEAKCHECK-${unique}`;
const ENTER = "\uE007";

let wd;
let sandboxUrl;

const problemsAt = (id) => fields(wd).problemsAt(id);
const valueOf = (id) => fields(wd).valueOf(id);
const setField = (id, text) => fields(wd).setField(id, text);
const open = (id) => fields(wd).open(id);
const chooseTarget = async (value) => wd.click(await wd.must(`#target option[value="${value}"]`));
const bannerText = async () => wd.text(await wd.must("#error-banner", 15_000));
const createButton = () => wd.mustId("create-button");

describe("Winroll in its real window", () => {
  before(async () => {
    assert.ok(APP, "WINROLL_APP must name the built app");
    assert.ok(HOME, "WINROLL_E2E_HOME must name the app's HOME");
    mkdirSync(ARTIFACTS, { recursive: true });
    wd = await startApp();
    // The sandbox starts by itself on a first run: its address is on the banner.
    sandboxUrl = await wd.text(await wd.must("#sandbox-url", 30_000));
    assert.match(sandboxUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  after(async () => {
    await wd?.quit();
  });

  test("1. an invalid template shows each problem at its field and Create stays disabled", async () => {
    await setField("name", "x".repeat(129));
    await setField("rules[0].winPolicyId", "string");
    await setField("segmentId", "abc");
    await wd.waitFor(
      async () => (await problemsAt("segmentId")).includes('expected an integer ≥ 0, got the string "abc"'),
      "segmentId problem",
    );
    assert.match(await problemsAt("name"), /too long: 129 characters, at most 128/);
    assert.match(await problemsAt("rules[0].winPolicyId"), /must be 24 hexadecimal characters/);
    assert.equal(await wd.enabled(await createButton()), false);
    assert.match(await wd.text(await wd.mustId("create-reason")), /^Fix 3 problems first/);
    // The summary lists the same problems, each a link to its field.
    const summary = await wd.text(await wd.mustId("problem-summary"));
    assert.match(summary, /3 problems to fix before creating/);
    assert.match(summary, /rules\[0\]\.winPolicyId/);
    await wd.screenshot(join(ARTIFACTS, "editor-invalid.png"));
  });

  test("2. fixing them and pressing Enter creates the template and shows the result card", async () => {
    await setField("name", "E2E laptops");
    await setField("rules[0].winPolicyId", "64b7f0c2a1e4d5f6a7b8c9d0");
    await setField("segmentId", "1");
    await open("rules[0].winPolicyAssignments");
    await wd.click(await wd.must("button.add-assignment"));
    await setField("rules[0].winPolicyAssignments[0].priority", "10001");
    await wd.waitFor(
      async () => (await problemsAt("rules[0].winPolicyAssignments[0].priority")).includes("from 0 to 10000"),
      "priority problem",
    );
    // Closed, the section still counts its problem on its heading and renders no controls; the
    // problem list's entry opens it and focuses the box.
    const toggle = await wd.mustId("rules[0].winPolicyAssignments--toggle");
    await wd.click(toggle);
    await wd.waitFor(async () => (await wd.byId("rules[0].winPolicyAssignments--body")) === null, "the section closed");
    assert.match(await wd.text(toggle), /1 assignment.*1 problem/s);
    const entry = (
      await wd.cmd("/elements", "POST", {
        using: "xpath",
        value: "//nav[@id='problem-summary']//button[contains(., 'winPolicyAssignments[0].priority')]",
      })
    )[0];
    await wd.click(Object.values(entry)[0]);
    await wd.waitFor(
      async () =>
        (await wd.execute("return document.activeElement.id")) === "rules[0].winPolicyAssignments[0].priority",
      "the priority box focused in the reopened section",
    );
    await setField("rules[0].winPolicyAssignments[0].priority", "10");
    await waitForCreate(wd);
    await wd.screenshot(join(ARTIFACTS, "editor.png"));
    await wd.cmd(`/element/${await wd.mustId("name")}/value`, "POST", { text: ENTER });
    await wd.must("#result-card", 15_000);
    const serverUrl = await wd.text(await wd.mustId("result-server-url"));
    assert.equal(serverUrl, `${sandboxUrl}/EnrollmentServer/Discovery.svc`);
    const link = await wd.text(await wd.mustId("result-link"));
    assert.match(
      link,
      /^ms-device-enrollment:\?mode=mdm&servername=http:\/\/127\.0\.0\.1:\d+\/EnrollmentServer\/Discovery\.svc&accesstoken=••••$/,
    );
    assert.match(await wd.text(await wd.mustId("result-token")), /^•+$/, "the token is masked until revealed");
    assert.match(await wd.text(await wd.mustId("result-id")), /^[0-9a-f]{24}$/);
    await wd.screenshot(join(ARTIFACTS, "result.png"));
  });

  test("3. copy puts the URL on the clipboard; the link is cleared after 30 s", async () => {
    const serverUrl = await wd.text(await wd.mustId("result-server-url"));
    await wd.click(await wd.mustId("copy-server-url"));
    await wd.waitFor(() => clipboard() === serverUrl, "server URL on the X clipboard");
    assert.equal(await wd.text(await wd.mustId("copy-server-url-status")), "Copied");

    // The clock starts when the link is first seen on the clipboard, polled every 25 ms.
    const poll = async (probe, limit) => {
      const end = Date.now() + limit;
      while (Date.now() < end) {
        const answer = probe();
        if (answer) return answer;
        await new Promise((r) => setTimeout(r, 25));
      }
      return null;
    };
    await wd.click(await wd.mustId("copy-link"));
    const link = await poll(() => {
      const c = clipboard();
      return c.startsWith("ms-device-enrollment:?mode=mdm&servername=") ? c : null;
    }, 10_000);
    const seenAt = Date.now();
    assert.ok(link, "the link reached the X clipboard");
    assert.match(link, /&accesstoken=enroll_[0-9a-f]+$/);
    assert.equal(await wd.text(await wd.mustId("copy-link-status")), "Copied; the clipboard is cleared in 30 s");
    assert.ok(await poll(() => clipboard() !== link, 33_000), "the clipboard was cleared");
    // Cleared at 30 s: long enough to paste, not left for anyone after.
    const heldFor = Date.now() - seenAt;
    assert.ok(heldFor >= 29_500 && heldFor <= 31_500, `the link was cleared after ${heldFor} ms, not at 30 s`);
    assert.equal(clipboard(), "", "cleared, not replaced");
  });

  test("4. 404, 5050 and 401 from the sandbox show their message and keep the form", async () => {
    await wd.click(await wd.must("#result-card button:last-child"));
    await wd.mustId("name");
    assert.equal(await valueOf("name"), "E2E laptops", "the form kept its values after creating");
    await setField("name", "E2E refused");

    await chooseTarget("sandbox:no-such-org");
    await wd.click(await createButton());
    assert.match(await bannerText(), /refers to was not found \(3001\): Entity not found/);
    assert.equal(await valueOf("name"), "E2E refused");
    assert.equal(await valueOf("rules[0].winPolicyAssignments[0].priority"), "10");

    await chooseTarget("sandbox:winroll-basic-plan");
    await wd.click(await createButton());
    await wd.waitFor(
      async () => (await bannerText()).includes("Feature not allowed for you billing plan"),
      "5050 message",
    );
    assert.equal(await valueOf("segmentId"), "1");

    // A profile pointing at the sandbox with a wrong token.
    await wd.click(await wd.mustId("profiles-button"));
    await setField("profile-name", "e2e-wrong");
    await setField("profile-org", "winroll-demo");
    await setField("profile-url", sandboxUrl);
    await setField("profile-token", API_TOKEN);
    await wd.click(await wd.must('.profiles-screen button[type="submit"]'));
    await wd.waitFor(
      async () => (await wd.text(await wd.must(".profile-list"))).includes("token stored"),
      "profile saved",
    );
    assert.equal(await valueOf("profile-token"), "", "the token field is emptied once stored");
    await wd.click(await wd.must(".screen > button:last-child"));
    await wd.waitFor(async () => (await valueOf("target")) === "profile:e2e-wrong", "the new profile selected");
    await wd.click(await createButton());
    await wd.waitFor(async () => (await bannerText()).includes("(4001): Unauthorized"), "4001 message");
    assert.equal(await valueOf("name"), "E2E refused");
    await wd.screenshot(join(ARTIFACTS, "error.png"));
  });

  test("5. the Entra secret goes to the keyring, and no file or page holds a credential", async () => {
    await chooseTarget("sandbox:winroll-demo");
    await setField("name", "E2E with Entra");
    await open("entraId");
    await wd.click(await wd.mustId("entraId.enabled"));
    await setField("entraId.mobilityApp.tenantId", `tenant-${unique}`);
    await setField("entraId.mobilityApp.clientId", "client-e2e");
    await wd.waitFor(
      async () => /^Store the Entra ID client secret/.test(await wd.text(await wd.mustId("create-reason"))),
      "Create waits for the secret",
    );
    assert.equal(await wd.enabled(await createButton()), false);
    await setField("entra-secret-input", CLIENT_SECRET);
    await wd.click(await wd.must('[id="entraId.mobilityApp.clientSecret"] button'));
    await wd.must('[data-testid="secret-status"]', 15_000);
    assert.equal(await wd.byId("entra-secret-input"), null, "the secret field is gone once stored");
    await waitForCreate(wd);
    await wd.click(await createButton());
    await wd.must("#result-card", 15_000);

    const page = await pageContents(wd);
    assert.ok(
      !page.includes(CLIENT_SECRET) && !page.includes(API_TOKEN),
      "a credential reached the web view or its storage",
    );

    // WebKit writes some of its storage only when it exits: scan once the app and every process
    // it started are gone.
    const tree = appProcessTree();
    assert.ok(tree.length >= 3, `the app and its WebKit processes were found: ${tree}`);
    await wd.quit();
    wd = null;
    await waitForExit(tree);
    assert.deepEqual(filesHolding(WRITABLE_PLACES(), [API_TOKEN, CLIENT_SECRET]), [], "credentials written to disk");
    // The control: what was typed and belongs in a file (the template's name, in the history)
    // is found by the same scan, so the scan can see.
    assert.notDeepEqual(filesHolding([HOME], ["E2E with Entra"]), [], "the scan found the history's template name");
  });
});
