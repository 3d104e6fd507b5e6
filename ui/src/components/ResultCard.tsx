// What a successful create hands the admin: each value with a copy button.
import { useState } from "react";
import { useScreen } from "../hooks/useScreen";
import type { Result } from "../hooks/useSubmit";
import { CopyButton } from "./CopyButton";

interface Props {
  /** What happened: a create, or an update in place. */
  result: Result;
  onLinks: () => void;
  onClose: () => void;
}

export function ResultCard({ result, onLinks, onClose }: Props) {
  const { verb, outcome } = result;
  const foundByName = result.verb === "Created" && result.outcome.foundByName;
  const [revealed, setRevealed] = useState(false);
  const heading = useScreen(onClose);
  const t = outcome.template;
  const token = t.winEnrollmentToken?.token;
  const serverUrl = t.winEnrollmentToken?.serverUrl;

  return (
    <section className="result" aria-labelledby="result-heading" id="result-card">
      <h2 id="result-heading" tabIndex={-1} ref={heading}>
        {verb} “{t.name}”
      </h2>
      {foundByName && (
        <p className="help" id="found-by-name">
          The answer was lost on the way back, so Winroll looked the name up: the template exists, and it was created
          once.
        </p>
      )}
      <dl>
        <dt>Name</dt>
        <dd>
          <span id="result-name">{t.name ?? "—"}</span> {t.name && <CopyButton label="template name" value={t.name} />}
        </dd>
        <dt>Template id</dt>
        <dd>
          <code id="result-id">{t.id ?? "—"}</code> {t.id && <CopyButton label="template id" value={t.id} />}
        </dd>
        <dt>Server URL</dt>
        <dd>
          <code id="result-server-url">{serverUrl ?? "—"}</code>{" "}
          {serverUrl && <CopyButton id="copy-server-url" label="server URL" value={serverUrl} />}
        </dd>
        <dt>Enrollment token</dt>
        <dd>
          <code id="result-token">{token ? (revealed ? token : "•".repeat(Math.min(token.length, 24))) : "—"}</code>{" "}
          {token && (
            <>
              <button type="button" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed}>
                {revealed ? "Hide" : "Reveal"}
              </button>{" "}
              <CopyButton label="enrollment token" value={token} sensitive />
            </>
          )}
        </dd>
        <dt>Enrollment link</dt>
        <dd>
          {outcome.enrollmentLink ? (
            <>
              <code id="result-link" className="wrap">
                {revealed
                  ? outcome.enrollmentLink
                  : outcome.enrollmentLink.replace(/accesstoken=.*/, "accesstoken=••••")}
              </code>{" "}
              <CopyButton id="copy-link" label="enrollment link" value={outcome.enrollmentLink} sensitive />
            </>
          ) : (
            "—"
          )}
        </dd>
        <dt>Enrollment token id</dt>
        <dd>
          <code id="result-token-id">{t.winEnrollmentToken?.id ?? "—"}</code>{" "}
          {t.winEnrollmentToken?.id && <CopyButton label="enrollment token id" value={t.winEnrollmentToken.id} />}
        </dd>
        <dt>Devices</dt>
        <dd>
          <span id="result-devices">{t.devicesCount ?? "unknown (not in the answer)"}</span>{" "}
          {t.devicesCount !== undefined && <CopyButton label="devices count" value={String(t.devicesCount)} />}
        </dd>
        <dt>Created</dt>
        <dd>
          <span id="result-created">{t.createdAt ?? "—"}</span>{" "}
          {t.createdAt && <CopyButton label="creation time" value={t.createdAt} />}
        </dd>
      </dl>
      <p className="help">
        Copied tokens and links are kept out of clipboard history where the system allows, and cleared from the
        clipboard after 30 seconds.
      </p>
      <button type="button" id="result-links" onClick={onLinks} disabled={!outcome.enrollmentLink}>
        Links for new hires…
      </button>{" "}
      <button type="button" onClick={onClose}>
        Back to the editor (Esc)
      </button>
    </section>
  );
}
