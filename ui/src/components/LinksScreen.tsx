// Per-user enrollment links for new hires: paste their work addresses (or a CSV with an email or
// upn column), get one link each with the address prefilled, copy one or all, or save them as a
// CSV or a printable onboarding sheet. Links carry the enrollment token, so the window never holds
// one: it gets them masked, and copies and files are made in Rust from the template and the
// addresses (copies kept out of clipboard history, cleared after 30 s).
import { useState } from "react";
import { backend } from "../backend";
import type { LinksFormat } from "../bindings/LinksFormat";
import type { Target } from "../bindings/Target";
import { useCommand } from "../hooks/useCommand";
import { CopyButton } from "./CopyButton";
import { useScreen } from "../hooks/useScreen";

interface Props {
  target: Target;
  templateName: string;
  onClose: () => void;
}

export function LinksScreen({ target, templateName, onClose }: Props) {
  const heading = useScreen(onClose);
  const [people, setPeople] = useState("");
  const making = useCommand(backend.personLinks);
  const saving = useCommand(backend.saveLinks);
  // A failed attempt shows no links from an earlier one.
  const links = making.error ? null : making.data;
  const busy = making.loading;
  const error = making.error ?? saving.error;
  const path = saving.data;
  const status = path ? `Saved to ${path} (readable by you only). It holds the enrollment token.` : "";

  // What the links were made from: copies and saves make them again from the same addresses.
  const [madeFrom, setMadeFrom] = useState("");

  const make = async () => {
    saving.reset();
    setMadeFrom(people);
    await making.run({ target, templateName, people });
  };

  const save = async (format: LinksFormat) => {
    if (links) await saving.run({ target, templateName, people: madeFrom, format });
  };

  const copyOne = (email: string) => () =>
    backend.copyLinks({ target, templateName, people: madeFrom, which: { kind: "one", email } });
  // Tab-separated, one person a line: pastes into a spreadsheet as two columns.
  const copyAll = () => backend.copyLinks({ target, templateName, people: madeFrom, which: { kind: "all" } });

  return (
    <section className="screen links-screen" aria-labelledby="links-heading">
      <h2 id="links-heading" tabIndex={-1} ref={heading}>
        Links for new hires: “{templateName}”
      </h2>
      <p className="help">
        Each person gets a link with their work address filled in. Opening it on their Windows PC starts “Set up a work
        or school account” for this template.
      </p>
      <div className="field">
        <label htmlFor="links-people">Work addresses, one per line (or paste a CSV with an email or upn column)</label>
        <textarea
          id="links-people"
          rows={6}
          value={people}
          onChange={(e) => setPeople(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void make();
          }}
          spellcheck={false}
        />
      </div>
      <button type="button" id="make-links" onClick={make} disabled={busy || people.trim() === ""} aria-busy={busy}>
        {busy ? "Making links…" : "Make links (Ctrl+Enter)"}
      </button>
      {busy && <progress aria-label="Making links" />}
      {error && (
        <div className="error-banner" role="alert" id="links-error">
          <p className="error-message">{error.message}</p>
          {error.hint && <p className="error-hint">{error.hint}</p>}
        </div>
      )}
      {links && (
        <>
          <table className="list" id="links-table">
            <thead>
              <tr>
                <th>Person</th>
                <th>Link</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.email}>
                  <td>
                    {l.name ?? l.email}
                    {l.name && (
                      <>
                        <br />
                        {l.email}
                      </>
                    )}
                  </td>
                  <td>
                    <code className="wrap">{l.masked}</code>
                  </td>
                  <td>
                    <CopyButton label={`link for ${l.email}`} copy={copyOne(l.email)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <CopyButton id="copy-all-links" label={`all ${links.length} links`} text="Copy all" copy={copyAll} />{" "}
            <button type="button" id="save-links-csv" onClick={() => save("csv")}>
              Save as CSV…
            </button>{" "}
            <button type="button" id="save-links-html" onClick={() => save("html")}>
              Save onboarding sheet…
            </button>
          </p>
        </>
      )}
      <p role="status" className="copy-status" id="links-status">
        {status}
      </p>
      <button type="button" onClick={onClose}>
        Back (Esc)
      </button>
    </section>
  );
}
