// Profiles: where to reach each organization. The token is typed once and goes to the keychain.
import { useState } from "react";
import { backend } from "../backend";
import type { ErrorInfo } from "../bindings/ErrorInfo";
import type { ProfileView } from "../bindings/ProfileView";
import type { TokenState } from "../bindings/TokenState";
import { useCommand } from "../hooks/useCommand";
import { useScreen } from "../hooks/useScreen";

const TOKEN_STATE: Record<TokenState, string> = {
  stored: "token stored",
  missing: "no token stored",
  unknown: "token unknown (keychain unavailable)",
};

interface Props {
  profiles: ProfileView[];
  /** Why the profiles' tokens could not be looked up (the keychain unreachable, locked…). */
  problem?: ErrorInfo | null;
  onChanged: (selectName?: string) => void;
  onClose: () => void;
}

export function ProfilesScreen({ profiles, problem, onChanged, onClose }: Props) {
  const heading = useScreen(onClose);
  const [name, setName] = useState("");
  const [baseUrl, setBaseUrl] = useState("https://");
  const [org, setOrg] = useState("");
  const [token, setToken] = useState("");
  const adding = useCommand(backend.addProfile);
  const removing = useCommand(backend.removeProfile);
  const busy = adding.loading;
  const error = adding.error ?? removing.error;

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    // Failed, the form keeps what was typed, except the token field, which is re-asked on purpose.
    const added = await adding.run({ name, baseUrl, organizationId: org, token });
    if (added.kind !== "ok") return;
    setToken("");
    setName("");
    onChanged(added.value.name);
  };

  const remove = async (profile: string) => {
    if ((await removing.run({ name: profile })).kind === "ok") onChanged();
  };

  return (
    <section className="screen profiles-screen" aria-labelledby="profiles-heading">
      <h2 id="profiles-heading" tabIndex={-1} ref={heading}>
        Profiles
      </h2>
      <p className="help">
        A profile is an API URL and an organization. Its token is stored in your system keychain and is never shown
        again.
      </p>
      {problem && (
        <div className="error-banner" role="alert" id="profiles-problem" data-code={problem.code}>
          <p className="error-message">{problem.message}</p>
          {problem.hint && <p className="error-hint">{problem.hint}</p>}
        </div>
      )}
      {profiles.length === 0 ? (
        <p>No profiles yet.</p>
      ) : (
        <ul className="profile-list">
          {profiles.map((p) => (
            <li key={p.name}>
              <strong>{p.name}</strong> <span>{p.baseUrl}</span> <span>org {p.organizationId}</span>{" "}
              <span className={p.token === "stored" ? "ok" : "warn"}>{TOKEN_STATE[p.token]}</span>{" "}
              <button
                type="button"
                className="danger"
                onClick={() => remove(p.name)}
                aria-label={`Remove profile ${p.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="card" aria-labelledby="add-profile-heading">
        <h3 id="add-profile-heading">Add a profile</h3>
        <div className="grid two">
          <div className="field">
            <label htmlFor="profile-name">Name</label>
            <input
              id="profile-name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              placeholder="prod"
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor="profile-org">Organization id</label>
            <input
              id="profile-org"
              value={org}
              onChange={(e) => setOrg(e.currentTarget.value)}
              placeholder="24 hex characters or a slug"
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor="profile-url">API base URL</label>
            <input
              id="profile-url"
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.currentTarget.value)}
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor="profile-token">API token</label>
            <input
              id="profile-token"
              type="password"
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              autoComplete="off"
            />
          </div>
        </div>
        {error && (
          <div className="error-banner" role="alert" id="profile-error">
            <p className="error-message">{error.message}</p>
            {error.hint && <p className="error-hint">{error.hint}</p>}
          </div>
        )}
        <button type="submit" disabled={busy || !name.trim() || !org.trim() || !token}>
          {busy ? "Saving…" : "Add profile"}
        </button>
      </form>
      <button type="button" onClick={onClose}>
        Back to the editor (Esc)
      </button>
    </section>
  );
}
