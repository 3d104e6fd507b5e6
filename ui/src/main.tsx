import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./styles.css";
import { askFirstAnswers, firstAnswersSettled } from "./firstAnswers";
import { markStartup } from "./startup";

markStartup("script");

// The platform's own interface font (styles.css), chosen before the first paint.
const agent = navigator.userAgent;
document.documentElement.dataset.platform = agent.includes("Windows")
  ? "windows"
  : agent.includes("Macintosh")
    ? "mac"
    : "other";

// Asked before React renders, so the backend works while the page is laid out and painted.
const first = askFirstAnswers();

const root = document.getElementById("root");
if (root) {
  void firstAnswersSettled(first).then(() =>
    createRoot(root).render(
      <StrictMode>
        <App first={first} />
      </StrictMode>,
    ),
  );
}
