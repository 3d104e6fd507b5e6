import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { ErrorInfo } from "./bindings/ErrorInfo";
import { actionFor, ERROR_ACTIONS } from "./errors";

const info = (code: ErrorInfo["code"], uncertain = false): ErrorInfo => ({ code, message: "m", uncertain });

describe("error actions", () => {
  it("offers the profile screen for credential and address problems", () => {
    expect(actionFor(info("api.unauthorized"))).toBe("profiles");
    expect(actionFor(info("config.missing_token"))).toBe("profiles");
  });

  it("offers a check by name only while nobody knows whether the create happened", () => {
    expect(actionFor(info("network.timeout_after_send", true))).toBe("check");
    // The backend already searched and found nothing: no check to offer, the message says so.
    expect(actionFor(info("network.timeout_after_send", false))).toBe("none");
    expect(actionFor(info("server.error", true))).toBe("none");
  });

  it("has an action for every code the Rust side generates, and for nothing else", () => {
    // The union ts-rs writes from the Rust ErrorCode enum (ui/src/bindings/ErrorCode.ts).
    const generated = readFileSync(resolve(__dirname, "bindings/ErrorCode.ts"), "utf8");
    const union = generated.slice(generated.indexOf("export type ErrorCode"));
    const codes = [...union.matchAll(/"([a-z]+\.[a-z_]+)"/g)].map((m) => m[1]).sort();
    expect(codes.length).toBeGreaterThan(20);
    expect(Object.keys(ERROR_ACTIONS).sort()).toEqual(codes);
  });
});
