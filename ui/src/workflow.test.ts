import { describe, expect, it } from "vitest";
import type { Target } from "./bindings/Target";
import { createBlockedBecause, targetFromKey, targetKey } from "./workflow";

const valid = { valid: true, errors: [], warnings: [] };
const target = { kind: "sandbox" as const, organizationId: "winroll-demo" };

describe("createBlockedBecause", () => {
  it("says why Create is disabled, in order of what to do first", () => {
    const base = { target, report: valid, creating: false, entraEnabled: false, secretStored: null };
    expect(createBlockedBecause(base)).toBeNull();
    expect(createBlockedBecause({ ...base, creating: true })).toMatch(/^Creating/);
    expect(createBlockedBecause({ ...base, target: null })).toMatch(/Choose where/);
    expect(createBlockedBecause({ ...base, report: null })).toMatch(/Checking/);
    const two = {
      valid: false,
      warnings: [],
      errors: [
        { path: "name", message: "required" },
        { path: "rules", message: "x" },
      ],
    };
    expect(createBlockedBecause({ ...base, report: two })).toBe("Fix 2 problems first (listed below).");
    expect(createBlockedBecause({ ...base, entraEnabled: true, secretStored: false })).toMatch(
      /^Store the Entra ID client secret/,
    );
    expect(createBlockedBecause({ ...base, entraEnabled: true, secretStored: null })).toMatch(/^Checking the keychain/);
    expect(createBlockedBecause({ ...base, entraEnabled: true, secretStored: true })).toBeNull();
  });
});

describe("targets", () => {
  it("round-trip through the picker's keys, every kind", () => {
    const all: Target[] = [
      target,
      { kind: "profile", name: "prod:eu" },
      { kind: "profile", name: "sandbox" },
      { kind: "direct", organizationId: "acme", baseUrl: "https://api.example.com:8443/v1" },
      { kind: "direct", organizationId: "5f0c0ffee0ddba11c0ffee00", baseUrl: "http://127.0.0.1:9" },
    ];
    for (const t of all) expect(targetFromKey(targetKey(t))).toEqual(t);
    expect(new Set(all.map(targetKey)).size).toBe(all.length);
    expect(targetFromKey("nonsense")).toBeNull();
    expect(targetFromKey("direct:no-address")).toBeNull();
  });
});
