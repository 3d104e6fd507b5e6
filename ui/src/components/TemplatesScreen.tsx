// The organization's templates, through the list call: filter by name, page, clone into the editor.
import { useCallback, useEffect, useState } from "react";
import { api, asInfo } from "../api";
import type { CreatedTemplate } from "../bindings/CreatedTemplate";
import type { ErrorInfo } from "../bindings/ErrorInfo";
import type { Target } from "../bindings/Target";
import type { TemplatePage } from "../bindings/TemplatePage";

const PAGE_SIZE = 20;

interface Props {
  target: Target;
  onClone: (template: CreatedTemplate) => void;
  /** Open the template as itself: Save changes it in place. */
  onEdit: (template: CreatedTemplate) => void;
  onLinks: (template: CreatedTemplate) => void;
  onClose: () => void;
}

export function TemplatesScreen({ target, onClone, onEdit, onLinks, onClose }: Props) {
  const [name, setName] = useState("");
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<TemplatePage | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setResult(
        await api.listTemplates({
          target,
          query: { page, limit: PAGE_SIZE, name: name.trim() || undefined, sort: "createdAt:desc" },
        }),
      );
    } catch (e) {
      setError(asInfo(e));
    } finally {
      setLoading(false);
    }
  }, [target, page, name]);

  useEffect(() => {
    const timer = setTimeout(() => void load(), 200);
    return () => clearTimeout(timer);
  }, [load]);

  return (
    <section
      className="profiles"
      aria-labelledby="templates-heading"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      <h2 id="templates-heading">Templates in this organization</h2>
      <div className="field">
        <label htmlFor="templates-filter">Name contains</label>
        <input
          id="templates-filter"
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setPage(1);
          }}
          autoComplete="off"
        />
      </div>
      {error && (
        <div className="error-banner" role="alert">
          <p className="error-message">{error.message}</p>
          {error.hint && <p className="error-hint">{error.hint}</p>}
        </div>
      )}
      {loading && <progress aria-label="Loading templates" />}
      {result && (
        <>
          {result.items.length === 0 ? (
            <p>No templates{name.trim() ? ` matching “${name.trim()}”` : ""}.</p>
          ) : (
            <table className="list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Id</th>
                  <th>Devices</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {result.items.map((t, i) => (
                  <tr key={t.id ?? i}>
                    <td>{t.name}</td>
                    <td>
                      <code>{t.id}</code>
                    </td>
                    <td>{t.devicesCount ?? "—"}</td>
                    <td>{t.createdAt ?? "—"}</td>
                    <td>
                      <button type="button" onClick={() => onEdit(t)} aria-label={`Edit ${t.name ?? "template"}`}>
                        Edit
                      </button>{" "}
                      <button type="button" onClick={() => onClone(t)} aria-label={`Clone ${t.name ?? "template"}`}>
                        Clone
                      </button>{" "}
                      <button type="button" onClick={() => onLinks(t)} aria-label={`Links for ${t.name ?? "template"}`}>
                        Links
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="pager">
            <button type="button" disabled={!result.hasPrevPage} onClick={() => setPage((p) => p - 1)}>
              Previous
            </button>{" "}
            Page {result.page ?? page} of {result.totalPages ?? 1} ({result.totalDocs ?? result.items.length} in all){" "}
            <button type="button" disabled={!result.hasNextPage} onClick={() => setPage((p) => p + 1)}>
              Next
            </button>
          </p>
        </>
      )}
      <button type="button" onClick={onClose}>
        Back to the editor (Esc)
      </button>
    </section>
  );
}
