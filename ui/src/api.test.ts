import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { api, CommandError } from "./api";

afterEach(() => clearMocks());

describe("api", () => {
  it("calls each command by name with camelCase arguments", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "store_client_secret") return { hasSecret: true };
      return null;
    });
    await expect(
      api.storeClientSecret({ tenantId: "t", clientId: "c", secret: "s3cret", replace: false }),
    ).resolves.toEqual({ hasSecret: true });
    await api.addProfile({ name: "prod", baseUrl: "https://api.example.com", organizationId: "acme", token: "tok" });
    expect(calls).toEqual([
      ["store_client_secret", { tenantId: "t", clientId: "c", secret: "s3cret", replace: false }],
      ["add_profile", { name: "prod", baseUrl: "https://api.example.com", organizationId: "acme", token: "tok" }],
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
    const error = await api.createTemplate({ kind: "profile", name: "p" }, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).info.code).toBe("api.unauthorized");
    expect((error as CommandError).info.hint).toBe("store a new one");
  });

  it("wraps an untyped failure so the UI always has a code", async () => {
    mockIPC(() => {
      throw "boom";
    });
    const error = (await api.listProfiles().catch((e: unknown) => e)) as CommandError;
    expect(error.info).toEqual({ code: "app.ipc", message: "boom", uncertain: false });
  });
});
