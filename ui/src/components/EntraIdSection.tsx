// Entra ID mobility app: ids in the form, the client secret write-only into the keyring.
import { useEffect, useState } from "react";
import { asInfo, backend } from "../backend";
import { CONTRACT_FIELDS } from "../bindings/contract";
import type { ErrorInfo } from "../bindings/ErrorInfo";
import type { Target } from "../bindings/Target";
import type { TemplateDraft } from "../draft";
import { Disclosure } from "./Disclosure";
import { GroupProblems, TextField } from "./fields";
import { KeptFields } from "./KeptFields";

interface Props {
  draft: TemplateDraft;
  /** Where the form would be sent; `null` until one is chosen. */
  target: Target | null;
  onChange: (patch: Partial<TemplateDraft>) => void;
  /** Tells the editor whether a secret is stored for these ids (create needs one). */
  onSecretKnown: (stored: boolean | null) => void;
}

type Status =
  | { kind: "unknown" }
  | { kind: "checking" }
  /** `allowedHere`: it may go to the chosen target without Winroll asking first. */
  | { kind: "stored"; allowedHere: boolean }
  | { kind: "missing" }
  | { kind: "error"; info: ErrorInfo };

export function EntraIdSection({ draft, target, onChange, onSecretKnown }: Props) {
  // The ids as typed, padding included: the secret is stored under exactly the ids the template
  // carries (a padded id gets the validator's warning, never a silent trim).
  const { entraEnabled: enabled, tenantId, clientId } = draft;
  const [status, setStatus] = useState<Status>({ kind: "unknown" });
  const [secret, setSecret] = useState("");
  const [replacing, setReplacing] = useState(false);
  const ids = enabled && tenantId !== "" && clientId !== "";

  useEffect(() => {
    if (!ids || !target) {
      onSecretKnown(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setStatus({ kind: "checking" });
      backend
        .clientSecretStatus({ tenantId, clientId, target })
        .then((s) => {
          if (!live) return;
          setStatus(s.hasSecret ? { kind: "stored", allowedHere: s.allowedHere } : { kind: "missing" });
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
  }, [ids, tenantId, clientId, target, onSecretKnown]);

  const store = async () => {
    if (!target) return;
    try {
      const s = await backend.storeClientSecret({
        tenantId,
        clientId,
        secret,
        replace: replacing,
        target,
      });
      setSecret("");
      setReplacing(false);
      setStatus(s.hasSecret ? { kind: "stored", allowedHere: s.allowedHere } : { kind: "missing" });
      onSecretKnown(s.hasSecret);
    } catch (e) {
      setStatus({ kind: "error", info: asInfo(e) });
    }
  };

  const remove = async () => {
    try {
      await backend.removeClientSecret({ tenantId, clientId });
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
            <KeptFields
              at="entraId"
              kept={draft.entra?.kept}
              modelled={CONTRACT_FIELDS.entraId}
              onChange={(kept) => onChange({ entra: { ...draft.entra, kept } })}
            />
            <GroupProblems id="entraId.mobilityApp" />
            <KeptFields
              at="entraId.mobilityApp"
              kept={draft.mobilityApp?.kept}
              modelled={CONTRACT_FIELDS.mobilityApp}
              onChange={(kept) => onChange({ mobilityApp: { ...draft.mobilityApp, kept } })}
            />
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
                  ✓ Stored in keychain
                  {status.allowedHere
                    ? ""
                    : "; not yet allowed for this organization: Winroll asks before sending it here"}{" "}
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
