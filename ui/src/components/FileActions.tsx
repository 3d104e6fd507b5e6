// Templates as files, and the create call as a script: New, Import, Export, copy as curl or PowerShell.
import { useState } from "react";
import { asInfo, backend } from "../backend";
import type { ImportResult } from "../bindings/ImportResult";
import type { Target } from "../bindings/Target";

interface Props {
  target: Target | null;
  templateJson: () => unknown;
  canScript: boolean;
  onNew: () => void;
  onImported: (result: ImportResult) => void;
}

/** What the status line says about a client secret the file carried (never the secret). */
const IMPORTED_SECRET: Record<ImportResult["secret"], string> = {
  none: "",
  stored: " Its client secret is now in your keychain: delete it from the file.",
  keptStored:
    " It carries a client secret that differs from the one in your keychain; the keychain's was kept (use Replace in Entra ID to change it).",
  dropped: " It carries a client secret but no usable tenant and client ids, so the secret was not kept.",
};

export function FileActions({ target, templateJson, canScript, onNew, onImported }: Props) {
  const [status, setStatus] = useState("");
  // A file read, waiting for the user to see its report and take it (the form stays until then).
  const [pending, setPending] = useState<ImportResult | null>(null);
  const report = (e: unknown) => {
    const info = asInfo(e);
    setStatus(`${info.message}${info.hint ? ` ${info.hint}` : ""}`);
  };

  const importFile = async () => {
    if (!target) return;
    try {
      const result = await backend.importTemplate({ target });
      if (!result) return;
      setStatus("");
      setPending(result);
    } catch (e) {
      report(e);
    }
  };

  const take = (result: ImportResult) => {
    setPending(null);
    onImported(result);
    setStatus(`Imported ${result.fileName}.${IMPORTED_SECRET[result.secret]}`);
  };

  const exportFile = async () => {
    try {
      const path = await backend.exportTemplate({ template: templateJson() });
      if (path) setStatus(`Saved ${path} (without the client secret).`);
    } catch (e) {
      report(e);
    }
  };

  const copyScript = async (kind: "curl" | "powershell") => {
    if (!target) return;
    try {
      const snippets = await backend.requestSnippets({ target, template: templateJson() });
      await backend.copyText({ text: kind === "curl" ? snippets.curl : snippets.powershell, sensitive: false });
      setStatus(
        `Copied the create call as ${kind === "curl" ? "curl" : "PowerShell"}; it reads the token and client secret from WINROLL_TOKEN and WINROLL_CLIENT_SECRET.`,
      );
    } catch (e) {
      report(e);
    }
  };

  return (
    <div className="create-box file-actions">
      <div className="toolbar">
        <button type="button" id="new-template" onClick={onNew}>
          New
        </button>
        <button type="button" id="import-template" onClick={importFile}>
          Import…
        </button>
        <button type="button" id="export-template" onClick={exportFile}>
          Export…
        </button>
      </div>
      <div className="toolbar">
        <button type="button" id="copy-curl" disabled={!canScript} onClick={() => copyScript("curl")}>
          Copy as curl
        </button>
        <button type="button" id="copy-powershell" disabled={!canScript} onClick={() => copyScript("powershell")}>
          Copy as PowerShell
        </button>
      </div>
      {pending && <ImportReport result={pending} onTake={() => take(pending)} onCancel={() => setPending(null)} />}
      <p className="help" role="status" id="file-status">
        {status}
      </p>
    </div>
  );
}

/** What `winroll validate` would say of the file, and what became of a secret it carried, before
 * it replaces the form: nothing is converted or dropped without the user seeing it. */
function ImportReport({
  result,
  onTake,
  onCancel,
}: {
  result: ImportResult;
  onTake: () => void;
  onCancel: () => void;
}) {
  const { errors, warnings } = result.report;
  const list = (problems: typeof errors, id: string, title: string) =>
    problems.length > 0 && (
      <div id={id}>
        <p>
          <strong>{title}</strong>
        </p>
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.path}-${i}`}>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <section className="import-report" id="import-report" aria-labelledby="import-report-heading">
      <h3 id="import-report-heading" tabIndex={-1} ref={(el) => el?.focus()}>
        {result.fileName}:{" "}
        {errors.length === 0 ? "valid" : `${errors.length} ${errors.length === 1 ? "problem" : "problems"}`}
        {warnings.length > 0 && `, ${warnings.length} ${warnings.length === 1 ? "warning" : "warnings"}`}
      </h3>
      {list(
        errors,
        "import-errors",
        "Problems (the form shows each at its field; nothing is sent until they are fixed):",
      )}
      {list(warnings, "import-warnings", "Warnings (allowed; sent as the file has them):")}
      {IMPORTED_SECRET[result.secret] && <p id="import-secret">{IMPORTED_SECRET[result.secret].trim()}</p>}
      <p>
        <button type="button" id="import-apply" onClick={onTake}>
          Open it in the editor (replaces the form)
        </button>{" "}
        <button type="button" id="import-cancel" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </section>
  );
}
