// Nothing typed is lost: the form is saved as it is typed (never a secret: the form holds none,
// and the backend scrubs), and after a crash or a kill the saved one is offered back. Saving starts
// once any earlier draft has been restored or discarded, so it is never written over unseen.
import { useEffect, useRef, useState } from "react";
import { backend } from "../backend";
import type { Draft } from "../bindings/Draft";
import { isPristine, restoreDraft, type TemplateDraft } from "../draft";
import type { FirstAnswers } from "../firstAnswers";
import { editingOf, type Editing } from "./useSubmit";

export const DRAFT_DELAY_MS = 400;

/** A draft saved before a crash or a kill, when it holds anything to restore. */
function draftToOffer(saved: Draft | null): Draft | null {
  return saved && !isPristine(restoreDraft(saved.form)) ? saved : null;
}

/** `editing`: the template the form is changing in place, saved with it so that a restored draft
 * still saves over that template (never a second one created by mistake). */
export function useAutosave(draft: TemplateDraft, editing: Editing | null, early: FirstAnswers) {
  const [restorable, setRestorable] = useState<Draft | null>(() =>
    early.draft.came ? draftToOffer(early.draft.came.value) : null,
  );
  const [saving, setSaving] = useState(() => early.draft.came !== undefined && restorable === null);
  // The draft a create or save finished with: it has done its job and is not saved again.
  const done = useRef<TemplateDraft | null>(null);

  useEffect(() => {
    if (early.draft.came) return;
    let live = true;
    early.draft.promise.then(
      (saved) => {
        if (!live) return;
        const offer = draftToOffer(saved);
        if (offer) setRestorable(offer);
        else setSaving(true);
      },
      () => live && setSaving(true),
    );
    return () => {
      live = false;
    };
  }, [early]);

  useEffect(() => {
    if (!saving || draft === done.current) return;
    const timer = setTimeout(() => {
      // A create may have finished (and cleared the draft) while this save was waiting.
      if (draft === done.current) return;
      const form = editing ? { ...draft, editing } : draft;
      void (isPristine(draft) ? backend.clearDraft() : backend.saveDraft({ form })).catch(() => undefined);
    }, DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, editing, saving]);

  return {
    restorable,
    /** Restore (answers the saved form and what it was editing) or discard the offered draft;
     * saving starts either way. */
    decide(restore: boolean): { draft: TemplateDraft; editing: Editing | null } | null {
      const restored =
        restore && restorable ? { draft: restoreDraft(restorable.form), editing: editingOf(restorable.form) } : null;
      if (!restore) void backend.clearDraft().catch(() => undefined);
      setRestorable(null);
      setSaving(true);
      return restored;
    },
    /** `finished` was created or saved: forget the saved copy. A failure keeps it. */
    finished(finished: TemplateDraft) {
      done.current = finished;
      void backend.clearDraft().catch(() => undefined);
    },
  };
}
