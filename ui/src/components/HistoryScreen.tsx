// Templates this desktop created. Copies of the token and link come from the keychain through the
// backend; the window never holds them.
import { useEffect, useState } from "react";
import { api, asInfo } from "../api";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { HistoryValue } from "../bindings/HistoryValue";

export function HistoryScreen({ onClose }: { onClose: () => void }) {
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
