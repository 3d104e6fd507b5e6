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
  const [kind, ...rest] = key.split(":");
  const value = rest.join(":");
  if (kind === "sandbox") return { kind: "sandbox", organizationId: value };
  if (kind === "profile") return { kind: "profile", name: value };
  return null;
}
