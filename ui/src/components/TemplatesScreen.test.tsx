// Paging quickly: an older page's late answer never replaces the newer page on screen; a page with
// unreadable items says so.
import { act, fireEvent, render, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, expect, it } from "vitest";
import { TemplatesScreen } from "./TemplatesScreen";

afterEach(() => clearMocks());

const page = (n: number) => ({
  items: [{ id: `${n}`.padStart(24, "0"), name: `Template on page ${n}` }],
  page: n,
  totalPages: 3,
  totalDocs: 3,
  hasPrevPage: n > 1,
  hasNextPage: n < 3,
});

it("shows the page asked for last, whatever order the answers come in", async () => {
  const held: Array<() => void> = [];
  const asked: number[] = [];
  mockIPC(async (cmd, args) => {
    if (cmd !== "list_templates") return null;
    const n = (args as { request: { query: { page: number } } }).request.query.page;
    asked.push(n);
    // Page 2 answers only when released; the others at once.
    if (n === 2) await new Promise<void>((resolve) => held.push(resolve));
    return page(n);
  });
  const noop = () => undefined;
  const { container } = render(
    <TemplatesScreen
      target={{ kind: "sandbox", organizationId: "winroll-demo" }}
      onClone={noop}
      onEdit={noop}
      onLinks={noop}
      onCompare={noop}
      onClose={noop}
    />,
  );
  const shown = () => container.querySelector("#templates-page")?.textContent ?? "";
  await waitFor(() => expect(shown()).toMatch(/^Page 1 of 3/));
  const next = () => container.querySelector<HTMLButtonElement>("#templates-next")!;
  fireEvent.click(next()); // page 2: its answer is held back
  await waitFor(() => expect(asked).toEqual([1, 2]));
  fireEvent.click(next()); // page 3, while page 2 is still on its way
  await waitFor(() => expect(shown()).toMatch(/^Page 3 of 3/));
  await act(async () => held.forEach((release) => release()));
  await act(() => new Promise((r) => setTimeout(r, 50)));
  expect(shown()).toMatch(/^Page 3 of 3/);
  expect(container.textContent).toContain("Template on page 3");
  expect(container.textContent).not.toContain("Template on page 2");
});

it("says how many items of a page could not be read, and shows the others", async () => {
  mockIPC((cmd) => (cmd === "list_templates" ? { ...page(1), unreadable: 2 } : null));
  const noop = () => undefined;
  const { container } = render(
    <TemplatesScreen
      target={{ kind: "sandbox", organizationId: "winroll-demo" }}
      onClone={noop}
      onEdit={noop}
      onLinks={noop}
      onCompare={noop}
      onClose={noop}
    />,
  );
  await waitFor(() => expect(container.textContent).toContain("Template on page 1"));
  expect(container.querySelector("#templates-unreadable")?.textContent).toMatch(
    /^2 templates on this page could not be read and are not shown/,
  );
});
