// The round-trip property: every valid template the Rust generator makes (crates/winroll-core/
// tests/properties.rs writes 5,000 of them to target/roundtrip-corpus.json, fixed seed) comes out
// of the editor exactly as it went in: imported, cloned from the list, or opened to edit.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { CreatedTemplate } from "./bindings/CreatedTemplate";
import { cloneOf, fromJson, restoreDraft, toTemplateJson } from "./draft";

const CORPUS = resolve(__dirname, "../../target/roundtrip-corpus.json");

function corpus(): Record<string, unknown>[] {
  if (!existsSync(CORPUS)) {
    throw new Error(
      `${CORPUS} is missing: run \`cargo test -p winroll-core --test properties writes_the_round_trip_corpus\` first (tests/run-all.sh does)`,
    );
  }
  return JSON.parse(readFileSync(CORPUS, "utf8")) as Record<string, unknown>[];
}

describe("the editor is lossless", () => {
  const templates = corpus();

  it("has the whole corpus", () => {
    expect(templates.length).toBeGreaterThanOrEqual(5000);
  });

  it("gives back every template imported into it", () => {
    for (const template of templates) expect(toTemplateJson(fromJson(template))).toEqual(template);
  });

  it("gives back every template saved as a draft and restored", () => {
    for (const template of templates) {
      const saved = JSON.parse(JSON.stringify(fromJson(template))) as unknown;
      expect(toTemplateJson(restoreDraft(saved))).toEqual(template);
    }
  });

  it("gives back every template cloned from the list, under its new name", () => {
    for (const template of templates) {
      const listed: CreatedTemplate = { id: "6b0bad6ffa4a2a9b1c36c259", devicesCount: 3, body: template };
      expect(toTemplateJson(cloneOf(listed))).toEqual({ ...template, name: `${String(template.name)} (copy)` });
    }
  });
});
