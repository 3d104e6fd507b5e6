import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { backend, CommandError } from "./backend";

afterEach(() => clearMocks());

describe("backend", () => {
  it("calls each command by name with its one request object, or none", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "store_client_secret") return { hasSecret: true, allowedHere: true };
      return null;
    });
    const target = { kind: "sandbox", organizationId: "winroll-demo" } as const;
    await expect(
      backend.storeClientSecret({ tenantId: "t", clientId: "c", secret: "s3cret", replace: false, target }),
    ).resolves.toEqual({ hasSecret: true, allowedHere: true });
    await backend.listProfiles();
    expect(calls).toEqual([
      ["store_client_secret", { request: { tenantId: "t", clientId: "c", secret: "s3cret", replace: false, target } }],
      ["list_profiles", {}],
    ]);
  });

  it("turns a command's error into a typed CommandError", async () => {
    mockIPC(() => {
      throw {
        code: "api.unauthorized",
        message: "the API token was not accepted (4001): Unauthorized",
        hint: "store a new one",
        uncertain: false,
      };
    });
    const error = await backend
      .createTemplate({ target: { kind: "profile", name: "p" }, template: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).info.code).toBe("api.unauthorized");
    expect((error as CommandError).info.hint).toBe("store a new one");
  });

  it("wraps an untyped failure so the UI always has a code", async () => {
    mockIPC(() => {
      throw "boom";
    });
    const error = (await backend.listProfiles().catch((e: unknown) => e)) as CommandError;
    expect(error.info).toEqual({ code: "app.ipc", message: "boom", uncertain: false });
  });
});
