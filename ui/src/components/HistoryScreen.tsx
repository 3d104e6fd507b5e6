// Templates this desktop created. Copies of the token and link come from the keychain through the
// backend; the window never holds them.
import { useEffect } from "react";
import { backend } from "../backend";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { HistoryValue } from "../bindings/HistoryValue";
import type { Target } from "../bindings/Target";
import { useCommand } from "../hooks/useCommand";
import { useScreen } from "../hooks/useScreen";

interface Props {
  /** Open the entry's template as itself (looked up in its organization). */
  onEdit: (target: Target, name: string, id: string) => void;
  onLinks: (target: Target, name: string) => void;
  onClose: () => void;
}

const LABELS: Record<HistoryValue, string> = {
  serverUrl: "server URL",
  token: "enrollment token",
  link: "enrollment link",
};

/** Where an entry was created, in words. */
function where(target: Target): string {
  switch (target.kind) {
    case "sandbox":
      return "sandbox";
    case "profile":
      return target.name;
    case "direct":
      return target.baseUrl;
  }
}

export function HistoryScreen({ onEdit, onLinks, onClose }: Props) {
  const heading = useScreen(onClose);
  const history = useCommand(backend.listHistory);
  const copy = useCommand(async (entry: HistoryEntry, value: HistoryValue) => ({
    entry,
    value,
    receipt: await backend.copyFromHistory({ target: entry.target, templateId: entry.templateId, value }),
  }));
  const { run: load } = history;
  useEffect(() => void load(), [load]);

  const entries = history.data;
  const copied = copy.data;
  const status = copy.error
    ? copy.error.message
    : history.error
      ? history.error.message
      : copied
        ? `Copied the ${LABELS[copied.value]} of “${copied.entry.name}”${copied.receipt.clearsAfterSecs ? `; the clipboard is cleared in ${copied.receipt.clearsAfterSecs} s` : ""}.`
        : "";

  return (
    <section className="screen history-screen" aria-labelledby="history-heading">
      <h2 id="history-heading" tabIndex={-1} ref={heading}>
        Created on this computer
      </h2>
      <p className="help">Enrollment tokens stay in your keychain; copying one takes it from there.</p>
      {entries === null ? (
        history.loading && <progress aria-label="Loading the history" />
      ) : entries.length === 0 ? (
        <p>Nothing created yet.</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Where</th>
              <th>Created</th>
              <th>Copy</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={`${e.templateId}@${JSON.stringify(e.target)}`}>
                <td>
                  {e.name}
                  <br />
                  <code>{e.templateId}</code>
                </td>
                <td>
                  {where(e.target)} ({e.organizationId})
                </td>
                <td>{e.createdAt}</td>
                <td>
                  <button type="button" disabled={!e.serverUrl} onClick={() => void copy.run(e, "serverUrl")}>
                    URL
                  </button>{" "}
                  <button type="button" disabled={!e.hasToken} onClick={() => void copy.run(e, "token")}>
                    Token
                  </button>{" "}
                  <button type="button" disabled={!e.hasToken || !e.serverUrl} onClick={() => void copy.run(e, "link")}>
                    Link
                  </button>
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => onEdit(e.target, e.name, e.templateId)}
                    aria-label={`Edit ${e.name}`}
                  >
                    Edit
                  </button>{" "}
                  <button type="button" onClick={() => onLinks(e.target, e.name)} aria-label={`Links for ${e.name}`}>
                    Links
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p role="status" className="copy-status">
        {status}
      </p>
      <button type="button" onClick={onClose}>
        Back to the editor (Esc)
      </button>
    </section>
  );
}
