// Preact runs effects (useEffect) after the next animation frame; React runs them in a task
// posted at the commit. Winroll takes React's timing: the effects start the draft offer, the
// profile list and the ready mark, none of which should wait for a frame. WebKit paints when its
// frame comes, before or after that task.
import { options } from "preact";

export function runEffectsAfterCommit() {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.splice(0).forEach((run) => run());
  options.requestAnimationFrame = (run) => {
    if (waiting.push(run) === 1) channel.port2.postMessage(null);
  };
}
