// Must stay the first import: it asks the backend before the UI library's modules are evaluated.
import { first } from "./boot";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { runEffectsAfterCommit } from "./effectTiming";
import "./styles.css";
import { firstAnswersSettled } from "./firstAnswers";
import { markStartup } from "./startup";

markStartup("react");

runEffectsAfterCommit();

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
