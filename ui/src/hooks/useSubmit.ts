// Create, or (editing) save over the template in place. Either way the form stays exactly as
// typed when it fails: nothing typed is lost. A lost create answer was already looked up by name
// in the backend; a lost update says that sending it again is safe. "Check whether it was created"
// asks the backend again.
import { useState } from "react";
import { asInfo, backend } from "../backend";
import type { CreateOutcome } from "../bindings/CreateOutcome";
import type { CreatedTemplate } from "../bindings/CreatedTemplate";
import type { ErrorInfo } from "../bindings/ErrorInfo";
import type { Target } from "../bindings/Target";
import type { UpdateOutcome } from "../bindings/UpdateOutcome";
import { toTemplateJson, type TemplateDraft } from "../draft";

/** A template opened from Templates or History to be changed in place. */
export interface Editing {
  target: Target;
  id: string;
  name: string;
  /** As the server had it: the fields Winroll does not know go back with the update. */
  original: CreatedTemplate;
}

/** What the result card shows: a create's outcome, or an update's. */
export type Result = { verb: "Created"; outcome: CreateOutcome } | { verb: "Updated"; outcome: UpdateOutcome };

export function useSubmit(onDone: (draft: TemplateDraft) => void) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [check, setCheck] = useState<{ checking: boolean; result: string | null }>({ checking: false, result: null });

  const submit = async (target: Target, draft: TemplateDraft) => {
    setBusy(true);
    setError(null);
    setCheck({ checking: false, result: null });
    try {
      const template = toTemplateJson(draft);
      if (editing) {
        const { target: where, id, original } = editing;
        const outcome = await backend.updateTemplate({ target: where, id, template, original });
        setEditing({ ...editing, name: outcome.template.name ?? editing.name, original: outcome.template });
        setResult({ verb: "Updated", outcome });
      } else {
        setResult({ verb: "Created", outcome: await backend.createTemplate({ target, template }) });
      }
      onDone(draft);
    } catch (e) {
      setError(asInfo(e));
    } finally {
      setBusy(false);
    }
  };

  const checkCreated = async (target: Target, name: string) => {
    setCheck({ checking: true, result: null });
    try {
      const found = await backend.findTemplate({ target, name });
      if (found) {
        setResult({ verb: "Created", outcome: found });
        setError(null);
        setCheck({ checking: false, result: null });
      } else {
        setCheck({ checking: false, result: "It was not created. It is safe to create it again." });
      }
    } catch (e) {
      setCheck({ checking: false, result: `Could not check: ${asInfo(e).message}` });
    }
  };

  return { editing, setEditing, busy, result, setResult, error, setError, check, submit, checkCreated };
}
