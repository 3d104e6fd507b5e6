// Create, or (editing) save over the template in place, after showing what the save changes on
// the server and being told to go on. Either way the form stays exactly as typed when it fails:
// nothing typed is lost. A lost create answer was already looked up by name in the backend; a
// lost update says that sending it again is safe. "Check whether it was created" asks the backend
// again.
import { useState } from "react";
import { asInfo, backend } from "../backend";
import type { Change } from "../bindings/Change";
import type { CreateOutcome } from "../bindings/CreateOutcome";
import type { ErrorInfo } from "../bindings/ErrorInfo";
import type { Target } from "../bindings/Target";
import type { UpdateOutcome } from "../bindings/UpdateOutcome";
import { toTemplateJson, type Json, type TemplateDraft } from "../draft";

/** A template opened from Templates or History to be changed in place. */
export interface Editing {
  target: Target;
  id: string;
  name: string;
  /** The template as the server had it (its create body): the update keeps its field order. */
  original: Json;
}

/** The editing context a saved draft carried, when it is one (a draft from before it had none). */
export function editingOf(saved: unknown): Editing | null {
  const e = (saved as { editing?: unknown } | null)?.editing as Partial<Editing> | undefined;
  const target = e?.target as { kind?: unknown } | undefined;
  const ok =
    e &&
    typeof e.id === "string" &&
    typeof e.name === "string" &&
    typeof target?.kind === "string" &&
    e.original !== null &&
    typeof e.original === "object" &&
    !Array.isArray(e.original);
  return ok ? (e as Editing) : null;
}

/** What the result card shows: a create's outcome, or an update's. */
export type Result = { verb: "Created"; outcome: CreateOutcome } | { verb: "Updated"; outcome: UpdateOutcome };

export function useSubmit() {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [check, setCheck] = useState<{ checking: boolean; result: string | null }>({ checking: false, result: null });
  /** What a save would change on the server, shown until it is confirmed or cancelled. */
  const [changes, setChanges] = useState<Change[] | null>(null);

  /** Creates the form; or, editing, shows what saving it would change first (nothing is sent
   * until `confirm`). Answers whether it was created (a failure keeps the form). */
  const submit = async (target: Target, draft: TemplateDraft): Promise<boolean> => {
    if (editing) {
      setBusy(true);
      setError(null);
      try {
        const { target: where, id, original } = editing;
        setChanges(await backend.planUpdate({ target: where, id, template: toTemplateJson(draft), original }));
      } catch (e) {
        setError(asInfo(e));
      } finally {
        setBusy(false);
      }
      return false;
    }
    return send(target, draft);
  };

  /** Saves the form over the template being edited, once its changes were shown. */
  const confirm = async (target: Target, draft: TemplateDraft): Promise<boolean> => {
    setChanges(null);
    return send(target, draft);
  };

  const send = async (target: Target, draft: TemplateDraft): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setCheck({ checking: false, result: null });
    try {
      const template = toTemplateJson(draft);
      if (editing) {
        const { target: where, id, original } = editing;
        const outcome = await backend.updateTemplate({ target: where, id, template, original });
        setEditing({ ...editing, name: outcome.template.name ?? editing.name, original: outcome.template.body });
        setResult({ verb: "Updated", outcome });
      } else {
        setResult({ verb: "Created", outcome: await backend.createTemplate({ target, template }) });
      }
      return true;
    } catch (e) {
      setError(asInfo(e));
      return false;
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

  return {
    editing,
    setEditing,
    busy,
    result,
    setResult,
    error,
    setError,
    check,
    submit,
    changes,
    confirm,
    cancelConfirm: () => setChanges(null),
    checkCreated,
  };
}
