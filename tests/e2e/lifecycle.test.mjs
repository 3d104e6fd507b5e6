// After create: a template found in the Templates view is edited in place (same id, same token),
// and new hires get one link each, copied one by one or all at once, and saved as a file.
import assert from "node:assert/strict";
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  ARTIFACTS,
  clipboard,
  DIALOG_FILE,
  fields,
  pageContents,
  SANDBOX_TOKEN,
  startApp,
  saveChanges,
  waitForCreate,
} from "./helpers.mjs";

const unique = `${process.pid}-${Date.now()}`;
const NAME = `Lifecycle ${unique}`;
const ORG = "winroll-demo";
const PEOPLE = [
  "ann@example.com",
  "bob.smith@example.com",
  "carol@corp.example.co.uk",
  "dan@example.com",
  "eve@example.com",
];
let wd;
let sandboxUrl;
let created;
const f = () => fields(wd);

/** The organization's templates of exactly this name, as the sandbox itself lists them. */
async function listed(name) {
  const url = `${sandboxUrl}/v1/organizations/${ORG}/mdm/windows/enterprise/enrollment-templates?limit=100&name=${encodeURIComponent(name)}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } });
  assert.equal(res.status, 200);
  return (await res.json()).data.items.filter((t) => t.name === name);
}

async function sandboxCounts() {
  const res = await fetch(`${sandboxUrl}/_sandbox/stats`, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } });
  const org = (await res.json()).organizations[ORG] ?? {};
  return { creates: org.createRequests ?? 0, updates: org.updateRequests ?? 0 };
}

describe("a template's life after create, in the real window", () => {
  before(async () => {
    wd = await startApp();
    await wd.mustId("name", 30_000);
    const leftover = await wd.byId("discard-draft");
    if (leftover) await wd.click(leftover);
    await wd.click(await wd.must(`#target option[value="sandbox:${ORG}"]`, 15_000));
    sandboxUrl = await wd.text(await wd.mustId("sandbox-url"));
    await f().setField("name", NAME);
    await f().setField("description", "as created");
    await f().setField("rules[0].winPolicyId", "64b7f0c2a1e4d5f6a7b8c9d0");
    await waitForCreate(wd);
    await wd.click(await wd.mustId("create-button"));
    await wd.must("#result-card", 15_000);
    [created] = await listed(NAME);
    assert.ok(created?.winEnrollmentToken?.token, "created in the sandbox");
  });

  after(async () => {
    await wd?.quit();
  });

  test("edit a template found in the Templates view: same id, same token, the change listed", async () => {
    const before = await sandboxCounts();
    await wd.click(await wd.must("#result-card button:last-child"));
    await wd.click(await wd.mustId("templates-button"));
    await f().setField("templates-filter", NAME);
    await wd.waitFor(async () => (await wd.text(await wd.must("table.list", 15_000))).includes(NAME), "listed");
    await wd.click(await wd.must(`button[aria-label="Edit ${NAME}"]`));

    const banner = await wd.mustId("editing-banner", 15_000);
    const said = await wd.text(banner);
    assert.match(said, new RegExp(`Editing “${NAME}” \\(${created.id}\\)`));
    assert.match(said, /future enrollments only/);
    assert.equal(await f().valueOf("name"), NAME, "the template itself, not a copy");
    assert.equal(await f().valueOf("description"), "as created");
    await f().setField("description", "edited in place");
    await waitForCreate(wd);
    assert.equal(await wd.text(await wd.mustId("create-button")), "Save changes");
    await wd.screenshot(join(ARTIFACTS, "editing.png"));
    // Save shows what it would change on the server first, and sends nothing before Confirm.
    await wd.click(await wd.mustId("create-button"));
    const confirm = await wd.mustId("confirm-save", 15_000);
    const shown = await wd.text(confirm);
    assert.match(shown, /Saving changes 1 field\(s\) on the server/);
    assert.match(shown, /description\s*"as created"\s*"edited in place"/);
    assert.deepEqual(await sandboxCounts(), before, "nothing sent before Confirm");
    await wd.click(await wd.mustId("cancel-save-button"));
    assert.equal(await wd.byId("confirm-save"), null, "Cancel sends nothing");
    assert.deepEqual(await sandboxCounts(), before);
    await saveChanges(wd);

    const card = await wd.must("#result-card", 15_000);
    assert.match(await wd.text(card), new RegExp(`Updated “${NAME}”`));
    assert.equal(await wd.text(await wd.mustId("result-id")), created.id);
    const after = await sandboxCounts();
    assert.deepEqual(after, { creates: before.creates, updates: before.updates + 1 }, "one update, no create");
    const [now, ...others] = await listed(NAME);
    assert.equal(others.length, 0, "still one template of that name");
    assert.equal(now.id, created.id);
    assert.equal(now.winEnrollmentToken.token, created.winEnrollmentToken.token);
    assert.equal(now.description, "edited in place");

    // The list in the window shows the change under the same id.
    await wd.click(await wd.must("#result-card button:last-child"));
    await wd.click(await wd.mustId("templates-button"));
    await f().setField("templates-filter", NAME);
    const table = await wd.must("table.list", 15_000);
    await wd.waitFor(async () => (await wd.text(table)).includes(created.id), "the same id listed");
    await wd.click(await wd.must(".screen > button:last-child"));
  });

  test("Save changes sends back what the editor does not model, byte for byte, a cleared field cleared", async () => {
    // A template with fields Winroll does not model at every depth, put in by another tool.
    const name = `Rich ${unique}`;
    const rich = {
      name,
      description: "to clear",
      rules: [
        {
          name: "All",
          teamNotes: { owner: "IT", tags: ["a", 1.5, null] },
          conditions: [{ patterns: ["LAP-*"], "x-weight": 3 }],
          winPolicyAssignments: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0", priority: 7, pinned: true }],
          segmentId: 4,
        },
      ],
      auxiliaryFields: [{ type: "multiselect", key: "dept", options: ["a", ""], placeholder: "Pick" }],
      ownerTeam: { name: "IT", since: 2019 },
    };
    const url = `${sandboxUrl}/v1/organizations/${ORG}/mdm/windows/enterprise/enrollment-templates/`;
    const seeded = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${SANDBOX_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(rich),
    });
    assert.equal(seeded.status, 200, await seeded.text());
    await wd.click(await wd.mustId("templates-button"));
    await f().setField("templates-filter", name);
    await wd.waitFor(async () => (await wd.text(await wd.must("table.list", 15_000))).includes(name), "listed");
    await wd.click(await wd.must(`button[aria-label="Edit ${name}"]`));
    await wd.mustId("editing-banner", 15_000);
    // What the form cannot hold is listed as kept, in its place.
    assert.match(await wd.text(await wd.mustId("template--kept")), /ownerTeam/);
    assert.match(await wd.text(await wd.mustId("rules[0]--kept")), /teamNotes/);
    await f().emptyField("description");
    await waitForCreate(wd);
    assert.match(await saveChanges(wd), /description\s*"to clear"\s*""/);
    await wd.must("#result-card", 15_000);
    const res = await fetch(`${sandboxUrl}/_sandbox/last-body/${ORG}`, {
      headers: { authorization: `Bearer ${SANDBOX_TOKEN}` },
    });
    const sent = await res.text();
    // The server's copy, in its order (the sandbox held the policy as an assignment already, as
    // the vendor's server does), with the one edit: the cleared description sent cleared.
    const expected = { ...rich, description: "" };
    assert.equal(sent, JSON.stringify(expected));
  });

  test("an edit on a server that answers as the vendor's page shows: numbers as text, odd timestamps", async () => {
    const quirks = "winroll-quirks";
    const name = `Quirky ${unique}`;
    await wd.click(await wd.must("#result-card button:last-child"));
    await wd.click(await wd.must(`#target option[value="sandbox:${quirks}"]`));
    await wd.click(await wd.mustId("new-template"));
    await f().setField("name", name);
    await f().setField("segmentId", "1");
    await f().setField("rules[0].winPolicyId", "64b7f0c2a1e4d5f6a7b8c9d0");
    await waitForCreate(wd);
    await wd.click(await wd.mustId("create-button"));
    await wd.must("#result-card", 15_000);
    // The answer's stray-space timestamp is shown as the server wrote it.
    assert.match(await wd.text(await wd.mustId("result-created")), /T\d\d: \d\d/);
    await wd.click(await wd.must("#result-card button:last-child"));
    await wd.click(await wd.mustId("templates-button"));
    await f().setField("templates-filter", name);
    await wd.waitFor(async () => (await wd.text(await wd.must("table.list", 15_000))).includes(name), "listed");
    await wd.click(await wd.must(`button[aria-label="Edit ${name}"]`));
    await wd.mustId("editing-banner", 15_000);
    // "1" from the server is the segment 1; the policy came back as an assignment at priority "0".
    assert.equal(await f().valueOf("segmentId"), "1");
    await f().open("rules[0].winPolicyAssignments");
    assert.equal(await f().valueOf("rules[0].winPolicyAssignments[0].priority"), "0");
    await f().setField("description", "edited on the quirky server");
    await waitForCreate(wd);
    // The server's numbers as text and its assignment echo are no change: only the description.
    assert.match(await saveChanges(wd), /Saving changes 1 field\(s\)/);
    const card = await wd.must("#result-card", 15_000);
    assert.match(await wd.text(card), new RegExp(`Updated “${name}”`));
    const res = await fetch(`${sandboxUrl}/_sandbox/last-body/${quirks}`, {
      headers: { authorization: `Bearer ${SANDBOX_TOKEN}` },
    });
    const sent = JSON.parse(await res.text());
    // What the server wrote as text goes back as the numbers the page says they are.
    assert.equal(sent.segmentId, 1);
    assert.deepEqual(sent.rules[0].winPolicyAssignments, [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0", priority: 0 }]);
    assert.equal(sent.description, "edited on the quirky server");
    await wd.click(await wd.must("#result-card button:last-child"));
    await wd.click(await wd.must(`#target option[value="sandbox:${ORG}"]`));
  });

  test("a secret stored for one organization goes to another only when its dialog allows it", async () => {
    // The test build answers the dialog from this file, and appends each question to `.asked`.
    const answer = process.env.WINROLL_TEST_ALLOW_FILE;
    const asked = () => (existsSync(`${answer}.asked`) ? readFileSync(`${answer}.asked`, "utf8") : "");
    const other = "winroll-quirks";
    const tenant = `tenant-allow-${unique}`;
    await wd.click(await wd.mustId("new-template"));
    await f().setField("name", `Allowed ${unique}`);
    await f().setField("rules[0].winPolicyId", "64b7f0c2a1e4d5f6a7b8c9d0");
    await f().open("entraId");
    await wd.click(await wd.mustId("entraId.enabled"));
    await f().setField("entraId.mobilityApp.tenantId", tenant);
    await f().setField("entraId.mobilityApp.clientId", "client-allow");
    await f().setField("entra-secret-input", "allow-e2e-secret");
    await wd.click(await wd.must('[id="entraId.mobilityApp.clientSecret"] button'));
    const status = await wd.must('[data-testid="secret-status"]', 15_000);
    assert.doesNotMatch(await wd.text(status), /not yet allowed/, "stored for this organization");

    // Another organization: the section says Winroll will ask; Cancel sends nothing.
    await wd.click(await wd.must(`#target option[value="sandbox:${other}"]`));
    await wd.waitFor(
      async () =>
        /not yet allowed for this organization/.test(await wd.text(await wd.must('[data-testid="secret-status"]'))),
      "the status names the organization's lane",
    );
    writeFileSync(answer, "cancel");
    await waitForCreate(wd);
    await wd.click(await wd.mustId("create-button"));
    const banner = await wd.must(".error-banner", 15_000);
    assert.match(
      await wd.text(banner),
      /may not go to organization "winroll-quirks" in the built-in sandbox; nothing was sent/,
    );
    assert.match(asked(), /client-allow/);
    assert.match(asked(), /Send it to organization "winroll-quirks" in the built-in sandbox\?/);

    // Always: created, and not asked again.
    writeFileSync(answer, "always");
    await wd.click(await wd.mustId("create-button"));
    await wd.must("#result-card", 15_000);
    const questions = asked().split("\n").filter(Boolean).length;
    assert.equal(questions, 2);
    await wd.click(await wd.must("#result-card button:last-child"));
    await wd.waitFor(
      async () => !/not yet allowed/.test(await wd.text(await wd.must('[data-testid="secret-status"]'))),
      "allowed here from now on",
    );
    unlinkSync(answer);
    await wd.click(await wd.must(`#target option[value="sandbox:${ORG}"]`));
  });

  test("links for five pasted addresses: one each, copied one and all, saved, bad lines named", async () => {
    await wd.click(await wd.mustId("templates-button"));
    await f().setField("templates-filter", NAME);
    await wd.waitFor(async () => (await wd.text(await wd.must("table.list", 15_000))).includes(NAME), "listed");
    await wd.click(await wd.must(`button[aria-label="Links for ${NAME}"]`));
    // Typed as pasted: one address a line (Enter between them), the last two as a mail program
    // copies recipients ("a; b").
    await f().setField("links-people", `${PEOPLE.slice(0, 3).join("\uE007")}\uE007${PEOPLE[3]}; ${PEOPLE[4]}`);
    await wd.click(await wd.mustId("make-links"));
    const table = await wd.mustId("links-table", 15_000).catch(async (e) => {
      await wd.screenshot(join(ARTIFACTS, "links-failure.png"));
      const said = await wd.byId("links-error");
      throw new Error(`${e.message}; the window says: ${said ? await wd.text(said) : "no error"}`);
    });
    const rows = await wd.cmd("/elements", "POST", { using: "css selector", value: "#links-table tbody tr" });
    assert.equal(rows.length, 5);
    const shown = await wd.text(table);
    for (const person of PEOPLE) assert.ok(shown.includes(person), person);
    const token = created.winEnrollmentToken.token;
    assert.ok(!shown.includes(token), "links are shown with the token masked");
    await wd.screenshot(join(ARTIFACTS, "links.png"));

    const linkFor = (email) =>
      `ms-device-enrollment:?mode=mdm&username=${email}&servername=${created.winEnrollmentToken.serverUrl}&accesstoken=${token}`;
    await wd.click(await wd.must(`button[aria-label="Copy link for ${PEOPLE[2]}"]`));
    await wd.waitFor(() => clipboard() === linkFor(PEOPLE[2]), "Carol's link on the clipboard");
    await wd.click(await wd.mustId("copy-all-links"));
    let seen = "";
    const all = await wd
      .waitFor(() => {
        seen = clipboard();
        return seen.split("\n").length === 5 ? seen : null;
      }, "all five links on the clipboard")
      .catch(async (e) => {
        const status = await wd.text(await wd.mustId("copy-all-links-status")).catch(() => "?");
        throw new Error(`${e.message}; the clipboard holds ${JSON.stringify(seen)}; the window says ${status}`);
      });
    assert.deepEqual(
      all.split("\n"),
      PEOPLE.map((p) => `${p}\t${linkFor(p)}`),
    );
    assert.match(await wd.text(await wd.mustId("copy-all-links-status")), /cleared in 30 s/);

    if (existsSync(DIALOG_FILE)) unlinkSync(DIALOG_FILE);
    await wd.click(await wd.mustId("save-links-csv"));
    await wd.waitFor(() => existsSync(DIALOG_FILE), "the CSV saved");
    const csv = readFileSync(DIALOG_FILE, "utf8").trim().split("\r\n");
    assert.equal(csv[0], "email,link");
    assert.equal(csv[1], `${PEOPLE[0]},${linkFor(PEOPLE[0])}`);
    assert.match(await wd.text(await wd.mustId("links-status")), /readable by you only/);
    // A second save to the same file is refused: it is never written over.
    await wd.click(await wd.mustId("save-links-html"));
    assert.match(
      await wd.text(await wd.mustId("links-error", 15_000)),
      /already exists; Winroll does not write over it/,
    );
    assert.equal(readFileSync(DIALOG_FILE, "utf8").trim().split("\r\n")[0], "email,link");
    unlinkSync(DIALOG_FILE);

    await f().setField("links-people", `${PEOPLE[0]}\uE007not an address`);
    await wd.click(await wd.mustId("make-links"));
    assert.match(
      await wd.text(await wd.mustId("links-error", 15_000)),
      /line 2: "not an address" is not an email address/,
    );
    assert.equal(await wd.byId("links-table"), null, "no links from a bad list");
    const page = await pageContents(wd);
    assert.ok(!page.includes(token), "no token left in the page");
  });

  test("a long problem path wraps in the sidebar; an assignment's policy id and priority line up", async () => {
    // Back from the links to the Templates view, and from there to the editor.
    await wd.click(await wd.must(".screen > button:last-child"));
    await wd.mustId("templates-heading");
    await wd.click(await wd.must(".screen > button:last-child"));
    await wd.click(await wd.mustId("new-template"));
    await f().setField("name", "Layout check");
    // Expand all opens every section (the keyboard's way to see the whole template at once).
    await wd.click(await wd.mustId("expand-all"));
    for (const id of ["auxiliaryFields", "signIn", "entraId", "rules[0].winPolicyAssignments", "rules[0].conditions"]) {
      await wd.mustId(`${id}--body`);
    }
    assert.equal(await wd.text(await wd.mustId("expand-all")), "Collapse all sections");
    await wd.click(await wd.must("button.add-assignment"));
    await f().setField("rules[0].winPolicyAssignments[0].winPolicyId", "not-a-policy-id-and-long-enough-to-wrap");
    await f().setField("rules[0].winPolicyAssignments[0].priority", "99999");
    await wd.waitFor(
      async () =>
        (await wd.text(await wd.mustId("problem-summary"))).includes("rules[0].winPolicyAssignments[0].priority"),
      "the problems listed",
    );
    const layout = JSON.parse(
      await wd.execute(
        "const s = document.getElementById('problem-summary');" +
          "const id = document.getElementById('rules[0].winPolicyAssignments[0].winPolicyId').getBoundingClientRect();" +
          "const pr = document.getElementById('rules[0].winPolicyAssignments[0].priority').getBoundingClientRect();" +
          "const aside = s.closest('aside').getBoundingClientRect();" +
          // Each code and button box inside the summary (block items always fit their list; the
          // text inside them is what can stick out), and the long path's line count.
          "const boxes = [...s.querySelectorAll('li code, li button, li a')].map((e) => e.getBoundingClientRect());" +
          "const long = [...s.querySelectorAll('li code, li a')].find((e) => e.textContent.includes('winPolicyAssignments[0].priority'));" +
          "const lines = long ? long.getClientRects().length : 0;" +
          "const lineHeight = long ? parseFloat(getComputedStyle(long).lineHeight) || 18 : 0;" +
          "const tall = long ? long.getBoundingClientRect().height : 0;" +
          "return JSON.stringify({ overflow: s.scrollWidth - s.clientWidth, count: boxes.length," +
          " widest: Math.max(...boxes.map((b) => b.right)), asideRight: aside.right, asideWidth: aside.width," +
          " longWidth: long ? long.scrollWidth : 0, lines, tall, lineHeight, idTop: id.top, priorityTop: pr.top });",
      ),
    );
    await wd.screenshot(join(ARTIFACTS, "layout-sidebar-and-assignment.png"));
    assert.equal(layout.overflow, 0, "the problem summary scrolls sideways");
    assert.ok(layout.count >= 2, `the summary's items were measured: ${JSON.stringify(layout)}`);
    // The long path is wider than the sidebar on one line, so it must wrap onto several.
    assert.ok(
      layout.lines > 1 || layout.tall > layout.lineHeight * 1.5,
      `the long path does not wrap: ${JSON.stringify(layout)}`,
    );
    assert.ok(
      layout.widest <= layout.asideRight + 0.5,
      `a problem sticks out of the sidebar: ${JSON.stringify(layout)}`,
    );
    assert.ok(
      Math.abs(layout.idTop - layout.priorityTop) < 1,
      `inputs at different heights: ${JSON.stringify(layout)}`,
    );
  });
});
