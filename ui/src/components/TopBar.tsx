// The window's top bar: where to create (the sandbox's organizations and the profiles), and the
// buttons that open the other screens.
import type { ProfileView } from "../bindings/ProfileView";
import type { SandboxInfo } from "../bindings/SandboxInfo";
import type { Target } from "../bindings/Target";
import { targetFromKey, targetKey } from "../workflow";

/** The screens the top bar opens. */
export type TopScreen = "templates" | "folder" | "history" | "profiles";

interface Props {
  target: Target | null;
  sandbox: SandboxInfo | null;
  profiles: ProfileView[];
  onTarget: (target: Target | null) => void;
  screen: string;
  onScreen: (screen: TopScreen) => void;
}

const SCREENS: Array<{ id: TopScreen; label: string; needsTarget: boolean }> = [
  { id: "templates", label: "Templates", needsTarget: true },
  { id: "folder", label: "Folder", needsTarget: true },
  { id: "history", label: "History", needsTarget: false },
  { id: "profiles", label: "Profiles", needsTarget: false },
];

export function TopBar({ target, sandbox, profiles, onTarget, screen, onScreen }: Props) {
  return (
    <header className="topbar">
      <h1>Winroll</h1>
      <label htmlFor="target" className="target-label">
        Create in
      </label>
      <select
        id="target"
        value={target ? targetKey(target) : ""}
        onChange={(e) => onTarget(targetFromKey(e.currentTarget.value))}
      >
        {!target && <option value="">Starting…</option>}
        {sandbox && (
          <optgroup label="Built-in sandbox (no account needed)">
            {sandbox.organizations.map((o) => (
              <option key={o.id} value={targetKey({ kind: "sandbox", organizationId: o.id })}>
                Sandbox: {o.label}
              </option>
            ))}
          </optgroup>
        )}
        {profiles.length > 0 && (
          <optgroup label="Profiles">
            {profiles.map((p) => (
              <option key={p.name} value={targetKey({ kind: "profile", name: p.name })}>
                {p.name} ({p.organizationId})
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <nav className="screens" aria-label="Screens">
        {SCREENS.map((s) => (
          <button
            key={s.id}
            type="button"
            onClick={() => onScreen(s.id)}
            aria-pressed={screen === s.id}
            id={`${s.id}-button`}
            disabled={s.needsTarget && !target}
          >
            {s.label}
          </button>
        ))}
      </nav>
    </header>
  );
}
