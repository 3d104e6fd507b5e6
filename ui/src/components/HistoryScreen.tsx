// Templates this desktop created. Copies of the token and link come from the keychain through the
// backend; the window never holds them.
import { useEffect, useState } from "react";
import { api, asInfo } from "../api";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { HistoryValue } from "../bindings/HistoryValue";
import type { Target } from "../bindings/Target";

interface Props {
  /** Open the entry's template as itself (looked up in its organization by name and id). */
  onEdit: (target: Target, name: string, id: string) => void;
  onLinks: (target: Target, name: string) => void;
  onClose: () => void;
}

/** Where an entry was created: `sandbox`, or a profile's name. */
const targetOf = (e: HistoryEntry): Target =>
  e.target === "sandbox" ? { kind: "sandbox", organizationId: e.organizationId } : { kind: "profile", name: e.target };

export function HistoryScreen({ onEdit, onLinks, onClose }: Props) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [status, setStatus] = useState<string>("");

  useEffect(() => {
    api.listHistory().then(setEntries, (e: unknown) => setStatus(asInfo(e).message));
  }, []);

  const copy = async (entry: HistoryEntry, value: HistoryValue, label: string) => {
    try {
      const receipt = await api.copyFromHistory(entry.templateId, value);
      setStatus(
        `Copied the ${label} of “${entry.name}”${receipt.clearsAfterSecs ? `; the clipboard is cleared in ${receipt.clearsAfterSecs} s` : ""}.`,
      );
    } catch (e) {
      setStatus(asInfo(e).message);
    }
  };

  return (
    <section className="profiles" aria-labelledby="history-heading" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <h2 id="history-heading">Created on this computer</h2>
      <p className="help">Enrollment tokens stay in your keychain; copying one takes it from there.</p>
      {entries === null ? (
        <progress aria-label="Loading the history" />
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
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.templateId}>
                <td>
                  {e.name}
                  <br />
                  <code>{e.templateId}</code>
                </td>
                <td>
                  {e.target} ({e.organizationId})
                </td>
                <td>{e.createdAt}</td>
                <td>
                  <button type="button" disabled={!e.serverUrl} onClick={() => copy(e, "serverUrl", "server URL")}>
                    URL
                  </button>{" "}
                  <button type="button" disabled={!e.hasToken} onClick={() => copy(e, "token", "enrollment token")}>
                    Token
                  </button>{" "}
                  <button
                    type="button"
                    disabled={!e.hasToken || !e.serverUrl}
                    onClick={() => copy(e, "link", "enrollment link")}
                  >
                    Link
                  </button>
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => onEdit(targetOf(e), e.name, e.templateId)}
                    aria-label={`Edit ${e.name}`}
                  >
                    Edit
                  </button>{" "}
                  <button type="button" onClick={() => onLinks(targetOf(e), e.name)} aria-label={`Links for ${e.name}`}>
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
