// What saving the form would change on the server, shown before anything is sent: Save these
// changes sends, Cancel goes back to the form.
import { useEffect, useRef } from "react";
import type { Change } from "../bindings/Change";
import { ChangeList } from "./ChangeList";

interface Props {
  changes: Change[];
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmSave({ changes, onConfirm, onCancel }: Props) {
  // The confirmation takes focus when it opens, so Enter on Save changes then Enter again saves.
  // Not through autoFocus: Preact (the UI's React) acts on it only for what the page loaded with,
  // and a keyboard user was left on the button behind the dialog.
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirm.current?.focus();
  }, []);
  return (
    <div className="confirm-save" id="confirm-save" role="alertdialog" aria-labelledby="confirm-save-heading">
      <h3 id="confirm-save-heading">
        {changes.length === 0
          ? "Saving changes nothing on the server"
          : `Saving changes ${changes.length} field(s) on the server`}
      </h3>
      <ChangeList changes={changes} />
      <button type="button" id="confirm-save-button" onClick={onConfirm} ref={confirm}>
        Save these changes
      </button>{" "}
      <button type="button" id="cancel-save-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
