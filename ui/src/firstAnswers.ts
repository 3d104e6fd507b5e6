// What the first screen needs from the backend, asked for before React renders: the backend
// starts the sandbox, reads the profiles and the saved draft and checks the empty form while the
// page's script is still being evaluated. main.tsx waits a moment for the answers, so that the
// first screen is rendered and painted once, complete, rather than once empty and again filled
// in (measured: each render and paint of the editor costs tens of milliseconds of start-up).
import { backend, type AnswerOf } from "./backend";
import { emptyDraft, toTemplateJson } from "./draft";
import { markStartup } from "./startup";

/** An answer that is also readable synchronously once it has come (for a component's first state). */
export interface Early<T> {
  promise: Promise<T>;
  /** Set when the answer has come (not when it failed: the promise tells that). */
  came?: { value: T };
}

export interface FirstAnswers {
  sandbox: Early<AnswerOf<"start_sandbox">>;
  profiles: Early<AnswerOf<"list_profiles">>;
  draft: Early<AnswerOf<"load_draft">>;
  /** The validation of the empty form the editor opens with. */
  report: Early<AnswerOf<"validate_template">>;
}

/** How long the first render waits for the answers at most: a slow backend does not hold the window. */
export const FIRST_ANSWERS_WAIT_MS = 250;

/** `name` marks the answer's arrival on the start-up timeline. */
function early<T>(name: string, promise: Promise<T>): Early<T> {
  const answer: Early<T> = { promise };
  // A failure is the consumer's to show; until then it is not "unhandled".
  void promise
    .then(
      (value) => (answer.came = { value }),
      () => undefined,
    )
    .then(() => markStartup(name));
  return answer;
}

/** Asks all four at once. */
export function askFirstAnswers(): FirstAnswers {
  return {
    sandbox: early("sandbox", backend.startSandbox()),
    profiles: early("profiles", backend.listProfiles()),
    draft: early("draft", backend.loadDraft()),
    report: early("report", backend.validateTemplate({ template: toTemplateJson(emptyDraft()) })),
  };
}

/** Resolves when every answer has come or failed, or after `FIRST_ANSWERS_WAIT_MS`. */
export function firstAnswersSettled(first: FirstAnswers): Promise<void> {
  const all = Promise.allSettled(Object.values(first).map((a: Early<unknown>) => a.promise));
  const wait = new Promise((resolve) => setTimeout(resolve, FIRST_ANSWERS_WAIT_MS));
  return Promise.race([all, wait]).then(() => undefined);
}
