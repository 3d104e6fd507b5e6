// Copies through the backend; says "Copied" visibly, and when a credential will be cleared.
import { useEffect, useState } from "react";
import { backend } from "../backend";
import type { CopyReceipt } from "../bindings/CopyReceipt";

/** What to copy: a value the window holds, or a copy the backend makes itself (a credential the
 * window never sees, such as a person's enrollment link). */
type Source =
  | {
      value: string;
      /** Carries the enrollment token: kept out of clipboard history, cleared after 30 s. */
      sensitive?: boolean;
      copy?: never;
    }
  | { copy: () => Promise<CopyReceipt>; value?: never; sensitive?: never };

type Props = Source & {
  label: string;
  id?: string;
  /** The button's text ("Copy" unless given). */
  text?: string;
};

export function CopyButton({ label, value, sensitive = false, copy: copyInBackend, id, text = "Copy" }: Props) {
  const [state, setState] = useState<
    { kind: "idle" } | { kind: "copied"; clears?: number } | { kind: "failed"; message: string }
  >({ kind: "idle" });

  useEffect(() => {
    if (state.kind === "idle") return;
    const timer = setTimeout(() => setState({ kind: "idle" }), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      const receipt = copyInBackend ? await copyInBackend() : await backend.copyText({ text: value, sensitive });
      setState({ kind: "copied", clears: receipt.clearsAfterSecs });
    } catch (e) {
      setState({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <span className="copy">
      <button type="button" id={id} onClick={copy} aria-label={`Copy ${label}`}>
        {text}
      </button>
      <span className="copy-status" id={id ? `${id}-status` : undefined} role="status" aria-live="polite">
        {state.kind === "copied" && (state.clears ? `Copied; the clipboard is cleared in ${state.clears} s` : "Copied")}
        {state.kind === "failed" && state.message}
      </span>
    </span>
  );
}
