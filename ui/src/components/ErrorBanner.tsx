// An API or app error where the user will see it, with its advice and the one action its code
// calls for (errors.ts): open Profiles, wait out a rate limit, or, when nobody knows whether the
// create happened, check by name before trying again.
import type { ErrorInfo } from "../bindings/ErrorInfo";
import { actionFor } from "../errors";

interface Props {
  error: ErrorInfo;
  /** False for an update: it is idempotent, so the hint says to send it again instead. */
  canCheck: boolean;
  checking: boolean;
  checkResult: string | null;
  onCheck: () => void;
  onProfiles: () => void;
  onDismiss: () => void;
}

export function ErrorBanner({ error, canCheck, checking, checkResult, onCheck, onProfiles, onDismiss }: Props) {
  const action = actionFor(error);
  return (
    <div className="error-banner" role="alert" id="error-banner" data-code={error.code}>
      <p className="error-message">{error.message}</p>
      {error.hint && <p className="error-hint">{error.hint}</p>}
      {action === "wait" && error.retryAfterSecs !== undefined && <p>Try again in {error.retryAfterSecs} s.</p>}
      {action === "check" && canCheck && (
        <p>
          <button type="button" onClick={onCheck} disabled={checking} id="check-created">
            {checking ? "Checking…" : "Check whether it was created"}
          </button>{" "}
          {checkResult && <span role="status">{checkResult}</span>}
        </p>
      )}
      {action === "profiles" && (
        <p>
          <button type="button" onClick={onProfiles} id="open-profiles">
            Open Profiles
          </button>
        </p>
      )}
      {action === "entra" && <p>Store the client secret in the Entra ID section below.</p>}
      <button type="button" className="link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
