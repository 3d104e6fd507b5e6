import { options, render } from "preact";
import { useEffect } from "react";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { runEffectsAfterCommit } from "./effectTiming";

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

let before: typeof options.requestAnimationFrame;
beforeEach(() => {
  before = options.requestAnimationFrame;
  // A frame that never comes: effects that wait for one run only after Preact's 35 ms fallback.
  vi.stubGlobal("requestAnimationFrame", () => 0);
  vi.stubGlobal("cancelAnimationFrame", () => undefined);
});
afterEach(() => {
  options.requestAnimationFrame = before;
  vi.unstubAllGlobals();
});

function Marker({ ran }: { ran: () => void }) {
  useEffect(ran, [ran]);
  return <p>shown</p>;
}

test("effects run in the task after the commit, without waiting for an animation frame", async () => {
  runEffectsAfterCommit();
  const ran = vi.fn();
  const root = document.createElement("div");
  // Preact's own render, not the testing library's: its act() would run the effects itself.
  render(<Marker ran={ran} />, root);
  expect(root.textContent).toBe("shown");
  expect(ran).not.toHaveBeenCalled();
  await nextTask();
  expect(ran).toHaveBeenCalledTimes(1);
  render(null, root);
});
