import { options, render } from "preact";
import { useEffect } from "react";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { runEffectsAfterCommit } from "./effectTiming";

/** One round through the event loop by a message, the one way of waiting left in this test. */
const nextMessage = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

let before: typeof options.requestAnimationFrame;
beforeEach(() => {
  before = options.requestAnimationFrame;
  // Neither a frame nor a timer ever comes, so Preact's own timing (the next animation frame, or
  // a 35 ms timer when no frame comes) would never run the effects; on a loaded machine a race
  // against that timer would decide the test instead.
  vi.stubGlobal("requestAnimationFrame", () => 0);
  vi.stubGlobal("cancelAnimationFrame", () => undefined);
  vi.stubGlobal("setTimeout", () => 0);
  vi.stubGlobal("clearTimeout", () => undefined);
});
afterEach(() => {
  options.requestAnimationFrame = before;
  vi.unstubAllGlobals();
});

function Marker({ ran }: { ran: () => void }) {
  useEffect(ran, [ran]);
  return <p>shown</p>;
}

test("effects run in a task after the commit, without waiting for an animation frame", async () => {
  runEffectsAfterCommit();
  const ran = vi.fn();
  const root = document.createElement("div");
  // Preact's own render, not the testing library's: its act() would run the effects itself.
  render(<Marker ran={ran} />, root);
  expect(root.textContent).toBe("shown");
  expect(ran).not.toHaveBeenCalled();
  for (let round = 0; round < 50 && ran.mock.calls.length === 0; round++) await nextMessage();
  expect(ran).toHaveBeenCalledTimes(1);
  render(null, root);
});
