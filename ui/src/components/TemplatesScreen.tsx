// The organization's templates, through the list call: filter by name, page, edit, clone, links.
// Typing in the filter waits for a pause; paging asks at once. A newer page's answer always wins.
import { useEffect, useState } from "react";
import { backend } from "../backend";
import type { CreatedTemplate } from "../bindings/CreatedTemplate";
import type { ExpandTo } from "../bindings/ExpandTo";
import type { Target } from "../bindings/Target";
import { useCommand } from "../hooks/useCommand";
import { useScreen } from "../hooks/useScreen";

const PAGE_SIZE = 20;
const FILTER_DELAY_MS = 200;

interface Props {
  target: Target;
  onClone: (template: CreatedTemplate) => void;
  /** Open the template as itself: Save changes it in place. */
  onEdit: (template: CreatedTemplate) => void;
  onLinks: (template: CreatedTemplate) => void;
  onCompare: (template: CreatedTemplate) => void;
  onClose: () => void;
}

export function TemplatesScreen({ target, onClone, onEdit, onLinks, onCompare, onClose }: Props) {
  const heading = useScreen(onClose);
  const [typed, setTyped] = useState("");
  const [name, setName] = useState("");
  const [segmentText, setSegmentText] = useState("");
  const [expandTo, setExpandTo] = useState<ExpandTo | "">("");
  const [page, setPage] = useState(1);
  // A segment filter applies once it is a whole number; anything else is said, not sent.
  const segment = /^\d+$/.test(segmentText.trim()) ? Number(segmentText.trim()) : undefined;
  const segmentProblem = segmentText.trim() !== "" && segment === undefined;
  const list = useCommand(backend.listTemplates);
  const { run } = list;

  useEffect(() => {
    const timer = setTimeout(() => {
      setName(typed.trim());
      setPage(1);
    }, FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    if (segmentProblem) return;
    const query = {
      page,
      limit: PAGE_SIZE,
      name: name || undefined,
      sort: "createdAt:desc",
      segmentId: segment,
      expandTo: segment !== undefined && expandTo ? expandTo : undefined,
    };
    void run({ target, query });
  }, [run, target, page, name, segment, expandTo, segmentProblem]);

  const result = list.data;
  return (
    <section className="screen templates-screen" aria-labelledby="templates-heading">
      <h2 id="templates-heading" tabIndex={-1} ref={heading}>
        Templates in this organization
      </h2>
      <div className="field">
        <label htmlFor="templates-filter">Name contains</label>
        <input
          id="templates-filter"
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="templates-segment">Segment id</label>
          <input
            id="templates-segment"
            inputMode="numeric"
            value={segmentText}
            aria-invalid={segmentProblem}
            aria-describedby={segmentProblem ? "templates-segment--problems" : undefined}
            onChange={(e) => {
              setSegmentText(e.currentTarget.value);
              setPage(1);
            }}
            autoComplete="off"
          />
          {segmentProblem && (
            <p className="field-problems" id="templates-segment--problems" role="alert">
              A segment id is a whole number ≥ 0.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="templates-expand">Also list</label>
          <select
            id="templates-expand"
            value={expandTo}
            disabled={segment === undefined}
            onChange={(e) => {
              setExpandTo(e.currentTarget.value as ExpandTo | "");
              setPage(1);
            }}
          >
            <option value="">this segment only</option>
            <option value="children">its child segments</option>
            <option value="ancestors">its ancestor segments</option>
          </select>
        </div>
      </div>
      {list.error && (
        <div className="error-banner" role="alert">
          <p className="error-message">{list.error.message}</p>
          {list.error.hint && <p className="error-hint">{list.error.hint}</p>}
        </div>
      )}
      {list.loading && <progress aria-label="Loading templates" />}
      {result && (
        <>
          {result.unreadable > 0 && (
            <p className="warning" id="templates-unreadable" role="status">
              {result.unreadable === 1 ? "One template" : `${result.unreadable} templates`} on this page could not be
              read and {result.unreadable === 1 ? "is" : "are"} not shown; the others are.
            </p>
          )}
          {result.items.length === 0 ? (
            <p>No templates{name ? ` matching “${name}”` : ""}.</p>
          ) : (
            <table className="list" id="templates-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Id</th>
                  <th>Devices</th>
                  <th>Created</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
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
                      </button>{" "}
                      <button type="button" onClick={() => onCompare(t)} aria-label={`Compare ${t.name ?? "template"}`}>
                        Compare…
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="pager">
            <button
              type="button"
              id="templates-previous"
              disabled={!result.hasPrevPage}
              onClick={() => setPage(page - 1)}
            >
              Previous
            </button>{" "}
            <span id="templates-page">
              Page {result.page ?? page} of {result.totalPages ?? 1} ({result.totalDocs ?? result.items.length} in all)
            </span>{" "}
            <button type="button" id="templates-next" disabled={!result.hasNextPage} onClick={() => setPage(page + 1)}>
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
