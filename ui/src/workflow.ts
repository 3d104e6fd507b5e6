// Small decisions of the window, kept pure so they can be tested without it.
import type { Target } from "./bindings/Target";
import type { ValidationReport } from "./bindings/ValidationReport";

interface CreateState {
  target: Target | null;
  report: ValidationReport | null;
  creating: boolean;
  entraEnabled: boolean;
  /** null: not known (no ids yet, or still checking). */
  secretStored: boolean | null;
}

/** Why Create is disabled, in words; null when it can be pressed. */
export function createBlockedBecause(s: CreateState): string | null {
  if (s.creating) return "Creating… (it is sent once; wait for the answer)";
  if (!s.target) return "Choose where to create the template.";
  if (!s.report) return "Checking the template…";
  const n = s.report.errors.length;
  if (n > 0) return `Fix ${n} ${n === 1 ? "problem" : "problems"} first (listed below).`;
  if (s.entraEnabled && s.secretStored === null) return "Checking the keychain for the Entra ID client secret…";
  if (s.entraEnabled && s.secretStored === false) return "Store the Entra ID client secret in the keychain first.";
  return null;
}

/** A text naming exactly this target (the picker's option values), read back by `targetFromKey`;
 * the same form as the backend's `Target::key`. */
export function targetKey(t: Target): string {
  switch (t.kind) {
    case "sandbox":
      return `sandbox:${t.organizationId}`;
    case "profile":
      return `profile:${t.name}`;
    case "direct":
      return `direct:${t.organizationId}@${t.baseUrl}`;
  }
}

export function targetFromKey(key: string): Target | null {
  const colon = key.indexOf(":");
  if (colon < 0) return null;
  const [kind, value] = [key.slice(0, colon), key.slice(colon + 1)];
  if (kind === "sandbox") return { kind: "sandbox", organizationId: value };
  if (kind === "profile") return { kind: "profile", name: value };
  if (kind === "direct") {
    // An organization id never holds "@" (its pattern), so the first one ends it.
    const at = value.indexOf("@");
    return at < 0 ? null : { kind: "direct", organizationId: value.slice(0, at), baseUrl: value.slice(at + 1) };
  }
  return null;
}
