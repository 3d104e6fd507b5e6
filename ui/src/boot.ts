// The first of the bundle's modules to be evaluated (main.tsx imports it before React): the
// backend starts on the first screen's answers while React's own modules are still being
// evaluated, so they are there when the first render begins (start-up time).
import { askFirstAnswers } from "./firstAnswers";
import { markStartup } from "./startup";

markStartup("script");

// The platform's own interface font (styles.css), chosen before the first paint.
const agent = navigator.userAgent;
document.documentElement.dataset.platform = agent.includes("Windows")
  ? "windows"
  : agent.includes("Macintosh")
    ? "mac"
    : "other";

export const first = askFirstAnswers();
