// Compare a template of the organization with the form in the editor, another template, or a
// file (picked in a dialog in the backend): every field that differs, what only the server sets
// aside.
import { useEffect, useState } from "react";
import { backend } from "../backend";
import type { CompareSide } from "../bindings/CompareSide";
import type { CreatedTemplate } from "../bindings/CreatedTemplate";
import type { Target } from "../bindings/Target";
import { useCommand } from "../hooks/useCommand";
import { ChangeList } from "./ChangeList";
import { useScreen } from "../hooks/useScreen";

interface Props {
  target: Target;
  template: CreatedTemplate;
  /** The editor's form, as the template it would send. */
  form: () => unknown;
  onClose: () => void;
}

type With = "form" | "template" | "file";

export function CompareScreen({ target, template, form, onClose }: Props) {
  const heading = useScreen(onClose);
  const [against, setAgainst] = useState<With>("form");
  const [otherId, setOtherId] = useState("");
  const others = useCommand(backend.listTemplates);
  const comparing = useCommand(backend.compareTemplates);
  const { run: loadOthers } = others;
  useEffect(() => void loadOthers({ target, query: { page: 1, limit: 100 } }), [loadOthers, target]);
  const choices = (others.data?.items ?? []).filter((t) => t.id && t.id !== template.id);

  const compare = () => {
    const b: CompareSide =
      against === "form"
        ? { kind: "form", template: form() }
        : against === "template"
          ? { kind: "template", id: otherId }
          : { kind: "file" };
    void comparing.run({ target, a: { kind: "template", id: template.id ?? "" }, b });
  };

  const changes = comparing.data;
  return (
    <section className="screen compare-screen" aria-labelledby="compare-heading">
      <h2 id="compare-heading" tabIndex={-1} ref={heading}>
        Compare “{template.name}”
      </h2>
      <fieldset>
        <legend>with</legend>
        <label className="check">
          <input
            type="radio"
            name="compare-with"
            id="compare-with-form"
            checked={against === "form"}
            onChange={() => setAgainst("form")}
          />
          the form in the editor
        </label>
        <label className="check">
          <input
            type="radio"
            name="compare-with"
            id="compare-with-template"
            checked={against === "template"}
            onChange={() => setAgainst("template")}
          />
          another template
        </label>
        {against === "template" && (
          <>
            <label htmlFor="compare-other" className="visually-hidden">
              The other template
            </label>
            <select id="compare-other" value={otherId} onChange={(e) => setOtherId(e.currentTarget.value)}>
              <option value="">Choose one…</option>
              {choices.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label className="check">
          <input
            type="radio"
            name="compare-with"
            id="compare-with-file"
            checked={against === "file"}
            onChange={() => setAgainst("file")}
          />
          a template file…
        </label>
      </fieldset>
      <button
        type="button"
        id="compare-button"
        onClick={compare}
        disabled={comparing.loading || (against === "template" && otherId === "")}
      >
        Compare
      </button>
      {comparing.loading && <progress aria-label="Comparing" />}
      {comparing.error && (
        <div className="error-banner" role="alert" id="compare-error">
          <p className="error-message">{comparing.error.message}</p>
          {comparing.error.hint && <p className="error-hint">{comparing.error.hint}</p>}
        </div>
      )}
      {changes && (
        <div role="status" id="compare-result">
          <p>
            {changes.length === 0
              ? "The same template (what only the server sets aside)."
              : `${changes.length} difference(s), from “${template.name}” to the other:`}
          </p>
          {changes.length > 0 && <ChangeList changes={changes} id="compare-changes" />}
        </div>
      )}
      <button type="button" onClick={onClose}>
        Back (Esc)
      </button>
    </section>
  );
}
