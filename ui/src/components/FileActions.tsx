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
  const report = (e: unknown) => {
    const info = asInfo(e);
    setStatus(`${info.message}${info.hint ? ` ${info.hint}` : ""}`);
  };

  const importFile = async () => {
    try {
      const result = await backend.importTemplate();
      if (!result) return;
      onImported(result);
      setStatus(`Imported ${result.fileName}.${IMPORTED_SECRET[result.secret]}`);
    } catch (e) {
      report(e);
    }
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
      <p className="help" role="status" id="file-status">
        {status}
      </p>
    </div>
  );
}
