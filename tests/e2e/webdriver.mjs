// A small W3C WebDriver client: just what the end-to-end tests use, over Node's fetch.
import { writeFile } from "node:fs/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriver {
  constructor(base, sessionId) {
    this.base = base;
    this.sessionId = sessionId;
  }

  static async start(base, capabilities) {
    const res = await request(`${base}/session`, "POST", { capabilities: { alwaysMatch: capabilities } });
    return new WebDriver(base, res.sessionId);
  }

  cmd(path, method = "GET", body) {
    return request(`${this.base}/session/${this.sessionId}${path}`, method, body);
  }

  async quit() {
    await this.cmd("", "DELETE").catch(() => undefined);
  }

  /** The element matching `css`, or null. */
  async find(css) {
    const found = await this.cmd("/elements", "POST", { using: "css selector", value: css });
    return found.length ? found[0][ELEMENT] : null;
  }

  /** By id, which may contain brackets and dots (`rules[0].winPolicyId`). */
  byId(id) {
    return this.find(`[id="${id}"]`);
  }

  async must(css, timeout = 10_000) {
    return this.waitFor(() => this.find(css), `element ${css}`, timeout);
  }

  mustId(id, timeout) {
    return this.must(`[id="${id}"]`, timeout);
  }

  async waitFor(probe, what, timeout = 10_000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      last = await probe();
      if (last) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    // What the window showed instead says more than the wait itself (a dialog, an error line).
    const shown = await this.execute("return document.body.innerText.slice(0, 1500)").catch(() => "?");
    throw new Error(
      `timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})\n--- the window showed:\n${shown}`,
    );
  }

  /** Brings an element to the middle of the window, as a user scrolls to what they are about to
   * use. WebKitWebDriver's own scrolling puts an element at the window's top edge, under the
   * sticky top bar, and then refuses it as "not interactable". */
  async reveal(el) {
    await this.execute("arguments[0].scrollIntoView({ block: 'center' })", [{ [ELEMENT]: el }]);
  }

  /** Clicks once the form's pending check has answered. WebKitWebDriver takes the element's
   * position and then sends the click there: a validation answer landing in between (a field's
   * problem text going away above it) moves the element, and the click hits its neighbour. */
  async click(el) {
    await this.reveal(el);
    await this.checked();
    return this.cmd(`/element/${el}/click`, "POST", {});
  }

  /** Waits until no form says it is busy (the editor's aria-busy while a check is pending). */
  async checked(timeout = 5_000) {
    await this.waitFor(
      async () => (await this.execute("return document.querySelector('form[aria-busy=\"true\"]') === null")) || null,
      "the form's pending check",
      timeout,
    );
  }

  async clear(el) {
    await this.reveal(el);
    return this.cmd(`/element/${el}/clear`, "POST", {});
  }

  /** Types into a field, replacing its content. WebKitWebDriver rejects empty text: clear only. */
  async type(el, text) {
    // WebKitWebDriver's clear changes the DOM value, and the UI may put a controlled input's old
    // value back when a re-render (a validation answer) lands in between: then the typed text is
    // appended to the old one. Type again until the field holds exactly the text.
    // (tests/e2e/files.test.mjs holds the product to the first attempt.) Three misses throw.
    // Enter (U+E007) typed into a text area is a line break in its value.
    const expected = text.replace(/\uE007/g, "\n");
    let value;
    for (let attempt = 0; attempt < 3; attempt++) {
      value = await this.typeOnce(el, text);
      if (value === expected || typeof value !== "string") return attempt + 1;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`typing ${JSON.stringify(text)}: the field holds ${JSON.stringify(value)} after 3 tries`);
  }

  /** Clears as a user does (Ctrl+A, Backspace: input events the UI sees, unlike WebDriver's
   * clear, whose silent DOM change a re-render undoes) and types once; answers the value after. */
  async typeOnce(el, text) {
    await this.reveal(el);
    await this.cmd(`/element/${el}/value`, "POST", { text: "\uE009a\uE000\uE003" });
    if (text !== "") await this.cmd(`/element/${el}/value`, "POST", { text });
    return this.property(el, "value");
  }

  text(el) {
    return this.cmd(`/element/${el}/text`);
  }

  attribute(el, name) {
    return this.cmd(`/element/${el}/attribute/${name}`);
  }

  property(el, name) {
    return this.cmd(`/element/${el}/property/${name}`);
  }

  enabled(el) {
    return this.cmd(`/element/${el}/enabled`);
  }

  execute(script, args = []) {
    return this.cmd("/execute/sync", "POST", { script, args });
  }

  /** Runs `script`, which calls its last argument with the answer. */
  executeAsync(script, args = []) {
    return this.cmd("/execute/async", "POST", { script, args });
  }

  async screenshot(path) {
    // WebKitWebDriver takes the picture at the window's next repaint. The app draws on the CPU
    // (src-tauri/src/rendering.rs), and a page with nothing moving (no caret blinking) may not
    // repaint at all, so the command would wait forever: a one-pixel, 1 %-transparent dot in a
    // corner repaints every frame until the picture is taken.
    await this.execute(
      "const dot = document.createElement('div'); dot.id = 'webdriver-repaint';" +
        "dot.style.cssText = 'position:fixed;left:0;bottom:0;width:1px;height:1px;pointer-events:none';" +
        "document.body.append(dot); let n = 0;" +
        "const tick = () => { if (!dot.isConnected) return; dot.style.opacity = n++ % 2 ? '0.01' : '0.02'; requestAnimationFrame(tick); };" +
        "dot.style.background = '#000'; tick();",
    );
    const png = await this.cmd("/screenshot").finally(() =>
      this.execute("document.getElementById('webdriver-repaint')?.remove()").catch(() => undefined),
    );
    await writeFile(path, Buffer.from(png, "base64"));
  }
}

async function request(url, method, body) {
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json.value?.error) {
    throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value ?? json;
}

/** Polls tauri-driver's /status until it answers ready. */
export async function waitForDriver(base, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`tauri-driver did not become ready at ${base}`);
}
