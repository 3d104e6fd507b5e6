// An API or app error where the user will see it, with its advice, and, when the create may have
// happened anyway, a way to find out before trying again.
import type { ErrorInfo } from "../bindings/ErrorInfo";

interface Props {
  error: ErrorInfo;
  checking: boolean;
  checkResult: string | null;
  onCheck: () => void;
  onDismiss: () => void;
}

export function ErrorBanner({ error, checking, checkResult, onCheck, onDismiss }: Props) {
  return (
    <div className="error-banner" role="alert" id="error-banner" data-code={error.code}>
      <p className="error-message">{error.message}</p>
      {error.hint && <p className="error-hint">{error.hint}</p>}
      {error.retryAfterSecs !== undefined && <p>Try again in {error.retryAfterSecs} s.</p>}
      {error.uncertain && (
        <p>
          <button type="button" onClick={onCheck} disabled={checking} id="check-created">
            {checking ? "Checking…" : "Check whether it was created"}
          </button>{" "}
          {checkResult && <span role="status">{checkResult}</span>}
        </p>
      )}
      <button type="button" className="link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
