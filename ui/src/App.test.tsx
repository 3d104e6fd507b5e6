// The start-up benchmark's "ready" mark must mean interactive: a target chosen and the first
// validation shown, so Create can say why it is disabled. Not the first render.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, expect, it, vi } from "vitest";
import { App } from "./App";

afterEach(() => {
  clearMocks();
  vi.unstubAllEnvs();
});

it("sends the ready mark only once a target is chosen and the first validation is shown", async () => {
  vi.stubEnv("VITE_WINROLL_TEST_HOOKS", "1");
  const calls: string[] = [];
  let startSandbox: () => void = () => undefined;
  const sandbox = new Promise<void>((resolve) => (startSandbox = resolve));
  mockIPC(async (cmd) => {
    calls.push(cmd);
    switch (cmd) {
      case "start_sandbox":
        // The backend is slow to start its sandbox: until it answers there is no target.
        await sandbox;
        return { baseUrl: "http://127.0.0.1:9", organizations: [{ id: "winroll-demo", label: "Demo" }] };
      case "list_profiles":
        return { profiles: [] };
      case "validate_template":
        return { valid: false, errors: [{ path: "name", message: "required" }] };
      default:
        return null;
    }
  });

  render(<App />);
  await waitFor(() => expect(calls).toContain("validate_template"));
  await act(() => new Promise((r) => setTimeout(r, 100)));
  expect(calls).not.toContain("editor_ready");

  await act(async () => startSandbox());
  await waitFor(() => expect(calls).toContain("editor_ready"));
  expect(screen.getByText(/^Fix 1 problem first/)).toBeTruthy();
  expect(calls.filter((c) => c === "editor_ready")).toHaveLength(1);
});

it("says the form is busy while a typed change waits for the validator, and not after", async () => {
  let answer: () => void = () => undefined;
  let checks = 0;
  mockIPC(async (cmd) => {
    switch (cmd) {
      case "start_sandbox":
        return { baseUrl: "http://127.0.0.1:9", organizations: [{ id: "winroll-demo", label: "Demo" }] };
      case "list_profiles":
        return { profiles: [] };
      case "validate_template":
        // The first check (the empty form) answers at once; the one after typing waits.
        if (checks++ > 0) await new Promise<void>((resolve) => (answer = resolve));
        return { valid: false, errors: [{ path: "rules", message: "required" }] };
      default:
        return null;
    }
  });

  const { container } = render(<App />);
  const form = () => container.querySelector("#template-form");
  await waitFor(() => expect(form()?.getAttribute("aria-busy")).toBe("false"));

  const name = await waitFor(() => container.querySelector<HTMLInputElement>('[id="name"]') ?? Promise.reject());
  fireEvent.input(name, { target: { value: "Laptops" } });
  expect(name.value).toBe("Laptops");
  expect(form()?.getAttribute("aria-busy")).toBe("true");
  await waitFor(() => expect(checks).toBe(2));
  expect(form()?.getAttribute("aria-busy")).toBe("true");

  await act(async () => answer());
  await waitFor(() => expect(form()?.getAttribute("aria-busy")).toBe("false"));
});
