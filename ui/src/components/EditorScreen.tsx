// The editor's screen: the form with its problems at their fields, the banners that belong to it
// (an error, the template being edited), Create or Save, the file actions and the problem list.
import type { Change } from "../bindings/Change";
import type { ErrorInfo } from "../bindings/ErrorInfo";
import type { ImportResult } from "../bindings/ImportResult";
import type { Problem } from "../bindings/Problem";
import type { Target } from "../bindings/Target";
import { toTemplateJson, type TemplateDraft } from "../draft";
import type { useSections } from "../hooks/useSections";
import type { Editing } from "../hooks/useSubmit";
import { DisclosureContext } from "./Disclosure";
import { ConfirmSave } from "./ConfirmSave";
import { Editor } from "./Editor";
import { ErrorBanner } from "./ErrorBanner";
import { FileActions } from "./FileActions";
import { ProblemsContext } from "./fields";
import { ProblemSummary } from "./ProblemSummary";

interface Props {
  draft: TemplateDraft;
  onChange: (draft: TemplateDraft) => void;
  problems: Problem[];
  warnings: Problem[];
  /** A typed change waits for the validator. */
  pending: boolean;
  sections: ReturnType<typeof useSections>;
  target: Target | null;
  editing: Editing | null;
  onStopEditing: () => void;
  /** Why Create (or Save) is disabled; null when it can be pressed. */
  blocked: string | null;
  busy: boolean;
  onSubmit: () => void;
  error: ErrorInfo | null;
  check: { checking: boolean; result: string | null };
  onCheck: () => void;
  onDismissError: () => void;
  onProfiles: () => void;
  canScript: boolean;
  onNew: () => void;
  onImported: (result: ImportResult) => void;
  onSecretKnown: (stored: boolean | null) => void;
  /** Editing: what the save would change on the server, waiting for Confirm. */
  changes: Change[] | null;
  onConfirm: () => void;
  onCancelConfirm: () => void;
}

export function EditorScreen(props: Props) {
  const { draft, editing, busy, blocked, sections } = props;
  return (
    <ProblemsContext.Provider value={sections.problemsByControl}>
      <form
        className="layout editor-screen"
        id="template-form"
        aria-busy={props.pending}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <div className="editor-fields">
          {props.error && (
            <ErrorBanner
              error={props.error}
              canCheck={!editing}
              checking={props.check.checking}
              checkResult={props.check.result}
              onCheck={props.onCheck}
              onProfiles={props.onProfiles}
              onDismiss={props.onDismissError}
            />
          )}
          {editing && (
            <div className="banner editing" id="editing-banner" role="status">
              <p>
                Editing “{editing.name}” (<code>{editing.id}</code>). Saving changes this template in place: same id,
                same enrollment token. It affects future enrollments only; devices already enrolled keep their settings.
              </p>
              <button type="button" id="stop-editing" onClick={props.onStopEditing}>
                Stop editing (create a new template from this form instead)
              </button>
            </div>
          )}
          <div className="editor-tools">
            <button type="button" id="expand-all" onClick={sections.toggleAll}>
              {sections.allOpen ? "Collapse all sections" : "Expand all sections"}
            </button>
          </div>
          <DisclosureContext.Provider value={sections.disclosures}>
            <Editor draft={draft} target={props.target} onChange={props.onChange} onSecretKnown={props.onSecretKnown} />
          </DisclosureContext.Provider>
        </div>
        {/* Inside the window's main landmark: a named region, not a second top-level landmark. */}
        <aside role="region" aria-label="Create or save">
          <div className="create-box">
            <button
              type="submit"
              id="create-button"
              disabled={blocked !== null}
              aria-describedby="create-reason"
              aria-busy={busy}
            >
              {editing ? (busy ? "Saving…" : "Save changes") : busy ? "Creating…" : "Create template"}
            </button>
            {busy && <progress aria-label={editing ? "Saving the template" : "Creating the template"} />}
            {props.changes && (
              <ConfirmSave changes={props.changes} onConfirm={props.onConfirm} onCancel={props.onCancelConfirm} />
            )}
            <p id="create-reason" className="help" aria-live="polite">
              {blocked ?? (editing ? "Ready: press Enter or click Save." : "Ready: press Enter or click Create.")}
            </p>
          </div>
          <FileActions
            target={props.target}
            templateJson={() => toTemplateJson(draft)}
            canScript={props.canScript}
            onNew={props.onNew}
            onImported={props.onImported}
          />
          <ProblemSummary problems={props.problems} warnings={props.warnings} jump={sections.jump} />
        </aside>
      </form>
    </ProblemsContext.Provider>
  );
}
