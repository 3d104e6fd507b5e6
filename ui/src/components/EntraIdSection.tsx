// Entra ID mobility app: ids in the form, the client secret write-only into the keyring.
import { useEffect, useState } from "react";
import { asInfo, backend } from "../backend";
import type { ErrorInfo } from "../bindings/ErrorInfo";
import { Disclosure } from "./Disclosure";
import { GroupProblems, TextField } from "./fields";

interface Props {
  enabled: boolean;
  tenantId: string;
  clientId: string;
  onChange: (patch: { entraEnabled?: boolean; tenantId?: string; clientId?: string }) => void;
  /** Tells the editor whether a secret is stored for these ids (create needs one). */
  onSecretKnown: (stored: boolean | null) => void;
}

type Status =
  | { kind: "unknown" }
  | { kind: "checking" }
  | { kind: "stored" }
  | { kind: "missing" }
  | { kind: "error"; info: ErrorInfo };

export function EntraIdSection({ enabled, tenantId, clientId, onChange, onSecretKnown }: Props) {
  const [status, setStatus] = useState<Status>({ kind: "unknown" });
  const [secret, setSecret] = useState("");
  const [replacing, setReplacing] = useState(false);
  const ids = enabled && tenantId.trim() !== "" && clientId.trim() !== "";

  useEffect(() => {
    if (!ids) {
      onSecretKnown(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setStatus({ kind: "checking" });
      backend
        .clientSecretStatus({ tenantId: tenantId.trim(), clientId: clientId.trim() })
        .then((s) => {
          if (!live) return;
          setStatus({ kind: s.hasSecret ? "stored" : "missing" });
          onSecretKnown(s.hasSecret);
        })
        .catch((e: unknown) => {
          if (!live) return;
          setStatus({ kind: "error", info: asInfo(e) });
          onSecretKnown(false);
        });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ids, tenantId, clientId, onSecretKnown]);

  const store = async () => {
    try {
      const s = await backend.storeClientSecret({
        tenantId: tenantId.trim(),
        clientId: clientId.trim(),
        secret,
        replace: replacing,
      });
      setSecret("");
      setReplacing(false);
      setStatus({ kind: s.hasSecret ? "stored" : "missing" });
      onSecretKnown(s.hasSecret);
    } catch (e) {
      setStatus({ kind: "error", info: asInfo(e) });
    }
  };

  const remove = async () => {
    try {
      await backend.removeClientSecret({ tenantId: tenantId.trim(), clientId: clientId.trim() });
      setStatus({ kind: "missing" });
      onSecretKnown(false);
    } catch (e) {
      setStatus({ kind: "error", info: asInfo(e) });
    }
  };

  return (
    <section aria-labelledby="entraId--heading" className="section">
      <Disclosure
        stateKey="entraId"
        id="entraId"
        title="Entra ID"
        summary={!enabled ? "off" : status.kind === "missing" ? "on; client secret not stored" : "on"}
        level={2}
      >
        <label className="check">
          <input
            type="checkbox"
            id="entraId.enabled"
            checked={enabled}
            onChange={(e) => onChange({ entraEnabled: e.currentTarget.checked })}
          />
          Use a Microsoft Entra ID mobility (MDM) app
        </label>
        {enabled && (
          <div id="entraId" tabIndex={-1}>
            <GroupProblems id="entraId" />
            <GroupProblems id="entraId.mobilityApp" />
            <div className="grid two">
              <TextField
                id="entraId.mobilityApp.tenantId"
                label="Tenant id"
                required
                max={256}
                value={tenantId}
                help="Directory (tenant) id where the app is registered."
                onChange={(v) => onChange({ tenantId: v })}
              />
              <TextField
                id="entraId.mobilityApp.clientId"
                label="Client id"
                required
                max={256}
                value={clientId}
                help="Application (client) id of the mobility app."
                onChange={(v) => onChange({ clientId: v })}
              />
            </div>
            <div className="field" id="entraId.mobilityApp.clientSecret" tabIndex={-1}>
              <span className="label">Client secret</span>
              {!ids && (
                <p className="help">
                  Enter the tenant and client ids first; the secret is stored in your system keychain under them.
                </p>
              )}
              {ids && status.kind === "checking" && <p className="help">Checking the keychain…</p>}
              {ids && status.kind === "stored" && !replacing && (
                <p className="secret-status" data-testid="secret-status">
                  ✓ Stored in keychain{" "}
                  <button type="button" onClick={() => setReplacing(true)}>
                    Replace
                  </button>{" "}
                  <button type="button" className="danger" onClick={remove}>
                    Remove
                  </button>
                </p>
              )}
              {ids && (status.kind === "missing" || status.kind === "error" || replacing) && (
                <div className="row">
                  <label htmlFor="entra-secret-input" className="visually-hidden">
                    New client secret
                  </label>
                  <input
                    id="entra-secret-input"
                    type="password"
                    autoComplete="off"
                    value={secret}
                    placeholder={status.kind === "missing" ? "Not stored yet: paste it once" : "New client secret"}
                    onChange={(e) => setSecret(e.currentTarget.value)}
                    onKeyDown={(e) => {
                      if (e.key === "Enter") {
                        e.preventDefault();
                        if (secret.trim()) void store();
                      }
                    }}
                  />
                  <button type="button" onClick={store} disabled={secret.trim() === ""}>
                    Store in keychain
                  </button>
                </div>
              )}
              {status.kind === "error" && (
                <p className="field-problems" role="alert">
                  {status.info.message}
                  {status.info.hint ? ` ${status.info.hint}` : ""}
                </p>
              )}
              <GroupProblems id="entraId.mobilityApp.clientSecret" />
            </div>
          </div>
        )}
      </Disclosure>
    </section>
  );
}
