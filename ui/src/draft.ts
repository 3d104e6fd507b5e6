// The editor's model of a template. Every control holds exactly the text the user typed (numbers
// too), so nothing typed is ever lost or silently "corrected"; `toTemplateJson` turns it into the
// JSON the Rust validator judges, keeping wrong values as they are so it can name them.
import type { CreatedTemplate } from "./bindings/CreatedTemplate";

export interface AssignmentDraft {
  winPolicyId: string;
  priority: string;
}

export interface ConditionDraft {
  /** One group per line, tags in a group separated by commas. */
  tags: string;
  /** One match per line: `key, value`. */
  auxiliaryFields: string;
  /** One per line. */
  patterns: string;
  identifiers: string;
}

export interface RuleDraft {
  key: number;
  name: string;
  displayNamePattern: string;
  /** One per line. */
  tags: string;
  conditions: ConditionDraft[];
  winPolicyId: string;
  assignments: AssignmentDraft[];
  segmentId: string;
}

export type AuxType = "" | "select" | "text";

export interface AuxDraft {
  key: number;
  type: AuxType;
  fieldKey: string;
  title: string;
  description: string;
  /** One per line. */
  options: string;
}

/** `allowAutoContinue` as the editor holds it: not set, on or off. */
export type AutoContinue = "unset" | "on" | "off";

/** A saved draft's `allowAutoContinue` as the editor's three states (an older draft's checkbox
 * saved `true`/`false`, where false meant "not set"). */
export function autoContinue(value: unknown): AutoContinue {
  if (value === true || value === "on") return "on";
  if (value === "off") return "off";
  return "unset";
}

export interface TemplateDraft {
  name: string;
  description: string;
  rules: RuleDraft[];
  auxiliaryFields: AuxDraft[];
  loginProviderTypes: string[];
  /** The page gives no default, so "not set" is not "off": all three are kept apart. */
  allowAutoContinue: AutoContinue;
  entraEnabled: boolean;
  tenantId: string;
  clientId: string;
  segmentId: string;
}

export const KNOWN_LOGIN_PROVIDERS = ["ldap", "saml", "google"] as const;

let nextKey = 1;
/** Stable React keys for list items, so reordering keeps focus and typed text in place. */
export const newKey = () => nextKey++;

export const emptyCondition = (): ConditionDraft => ({ tags: "", auxiliaryFields: "", patterns: "", identifiers: "" });
export const emptyAssignment = (): AssignmentDraft => ({ winPolicyId: "", priority: "" });
export const emptyRule = (): RuleDraft => ({
  key: newKey(),
  name: "",
  displayNamePattern: "",
  tags: "",
  conditions: [],
  winPolicyId: "",
  assignments: [],
  segmentId: "",
});
export const emptyAux = (): AuxDraft => ({
  key: newKey(),
  type: "select",
  fieldKey: "",
  title: "",
  description: "",
  options: "",
});

export const emptyDraft = (): TemplateDraft => ({
  name: "",
  description: "",
  rules: [emptyRule()],
  auxiliaryFields: [],
  loginProviderTypes: [],
  allowAutoContinue: "unset",
  entraEnabled: false,
  tenantId: "",
  clientId: "",
  segmentId: "",
});

/** A whole number typed as text becomes a number; anything else stays text for the validator to name. */
export function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

const lines = (text: string): string[] => (text.trim() === "" ? [] : text.split("\n"));
const commaList = (line: string): string[] => line.split(",").map((s) => s.trim());

function put(target: Record<string, unknown>, key: string, value: unknown) {
  if (value !== undefined) target[key] = value;
}

function ruleJson(rule: RuleDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  put(out, "name", rule.name === "" ? undefined : rule.name);
  put(out, "displayNamePattern", rule.displayNamePattern === "" ? undefined : rule.displayNamePattern);
  const tags = lines(rule.tags);
  put(out, "tags", tags.length ? tags : undefined);
  if (rule.conditions.length) {
    out.conditions = rule.conditions.map((c) => {
      const condition: Record<string, unknown> = {};
      const groups = lines(c.tags).map(commaList);
      const aux = lines(c.auxiliaryFields).map(commaList);
      put(condition, "tags", groups.length ? groups : undefined);
      put(condition, "auxiliaryFields", aux.length ? aux : undefined);
      put(condition, "patterns", lines(c.patterns).length ? lines(c.patterns) : undefined);
      put(condition, "identifiers", lines(c.identifiers).length ? lines(c.identifiers) : undefined);
      return condition;
    });
  }
  put(out, "winPolicyId", rule.winPolicyId.trim() === "" ? undefined : rule.winPolicyId.trim());
  if (rule.assignments.length) {
    out.winPolicyAssignments = rule.assignments.map((a) => {
      const assignment: Record<string, unknown> = {};
      put(assignment, "winPolicyId", a.winPolicyId.trim() === "" ? undefined : a.winPolicyId.trim());
      put(assignment, "priority", numberOrText(a.priority));
      return assignment;
    });
  }
  put(out, "segmentId", numberOrText(rule.segmentId));
  return out;
}

/** The JSON sent to the validator and to `create`. Never carries the client secret. */
export function toTemplateJson(draft: TemplateDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { name: draft.name };
  put(out, "description", draft.description === "" ? undefined : draft.description);
  out.rules = draft.rules.map(ruleJson);
  if (draft.auxiliaryFields.length) {
    out.auxiliaryFields = draft.auxiliaryFields.map((f) => {
      const field: Record<string, unknown> = { key: f.fieldKey };
      put(field, "type", f.type === "" ? undefined : f.type);
      put(field, "title", f.title === "" ? undefined : f.title);
      put(field, "description", f.description === "" ? undefined : f.description);
      const options = lines(f.options);
      put(field, "options", f.type === "select" || options.length ? options : undefined);
      return field;
    });
  }
  put(out, "loginProviderTypes", draft.loginProviderTypes.length ? draft.loginProviderTypes : undefined);
  put(out, "allowAutoContinue", { unset: undefined, on: true, off: false }[draft.allowAutoContinue]);
  if (draft.entraEnabled) {
    out.entraId = { mobilityApp: { tenantId: draft.tenantId.trim(), clientId: draft.clientId.trim() } };
  }
  put(out, "segmentId", numberOrText(draft.segmentId));
  return out;
}

// Reading JSON that may not match the contract (a file, a server's echo): every value is kept as
// text the user can see and fix, never dropped because its type is wrong.
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string =>
  v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
const textLines = (v: unknown): string => list(v).map(text).join("\n");
const groupLines = (v: unknown): string =>
  list(v)
    .map((g) => list(g).map(text).join(", "))
    .join("\n");

function ruleFromJson(value: unknown): RuleDraft {
  const rule = obj(value);
  return {
    key: newKey(),
    name: text(rule.name),
    displayNamePattern: text(rule.displayNamePattern),
    tags: textLines(rule.tags),
    conditions: list(rule.conditions).map((c) => {
      const condition = obj(c);
      return {
        tags: groupLines(condition.tags),
        auxiliaryFields: groupLines(condition.auxiliaryFields),
        patterns: textLines(condition.patterns),
        identifiers: textLines(condition.identifiers),
      };
    }),
    winPolicyId: text(rule.winPolicyId),
    assignments: list(rule.winPolicyAssignments).map((a) => ({
      winPolicyId: text(obj(a).winPolicyId),
      priority: text(obj(a).priority),
    })),
    segmentId: text(rule.segmentId),
  };
}

/** The editor's model of a template given as JSON (an import, a clone, a typed template). */
export function fromJson(value: unknown): TemplateDraft {
  const t = obj(value);
  const app = obj(obj(t.entraId).mobilityApp);
  const auxType = (v: unknown): AuxType => (v === "select" || v === "text" ? v : v === undefined ? "" : "select");
  return {
    name: text(t.name),
    description: text(t.description),
    rules: list(t.rules).map(ruleFromJson),
    auxiliaryFields: list(t.auxiliaryFields).map((f) => {
      const field = obj(f);
      return {
        key: newKey(),
        type: auxType(field.type),
        fieldKey: text(field.key),
        title: text(field.title),
        description: text(field.description),
        options: textLines(field.options),
      };
    }),
    loginProviderTypes: list(t.loginProviderTypes).map(text),
    allowAutoContinue: t.allowAutoContinue === true ? "on" : t.allowAutoContinue === false ? "off" : "unset",
    entraEnabled: t.entraId !== undefined,
    tenantId: text(app.tenantId),
    clientId: text(app.clientId),
    segmentId: text(t.segmentId),
  };
}

/** A listed template as a new one to edit: same settings, a new name. */
export function cloneOf(template: CreatedTemplate): TemplateDraft {
  const draft = fromJson(template);
  return { ...draft, name: `${draft.name} (copy)` };
}

/** A saved draft back in the editor, with fresh list keys. */
export function restoreDraft(saved: unknown): TemplateDraft {
  const d = obj(saved) as Partial<TemplateDraft>;
  const empty = emptyDraft();
  return {
    ...empty,
    ...d,
    rules: (d.rules ?? empty.rules).map((r) => ({ ...r, key: newKey() })),
    auxiliaryFields: (d.auxiliaryFields ?? []).map((f) => ({ ...f, key: newKey() })),
    allowAutoContinue: autoContinue(d.allowAutoContinue),
  };
}

/** Whether the form holds anything worth keeping. */
export const isPristine = (draft: TemplateDraft) =>
  JSON.stringify(toTemplateJson(draft)) === JSON.stringify(toTemplateJson(emptyDraft()));

/**
 * The control that shows a problem: the path itself when a control has that id, else its nearest
 * parent (`rules[0].tags[2]` is shown at the `rules[0].tags` text box).
 */
export function controlFor(path: string, hasControl: (id: string) => boolean): string {
  let current = path;
  for (;;) {
    if (hasControl(current)) return current;
    const cut = Math.max(current.lastIndexOf("."), current.lastIndexOf("["));
    if (cut <= 0) return current;
    current = current.slice(0, cut);
  }
}

/** Length as the server counts it: UTF-16 code units (an emoji counts 2), which is JS's own `length`. */
export const serverLength = (s: string) => s.length;

/** Every control id the editor renders for this draft; problems are shown at these. */
export function controlIds(draft: TemplateDraft): Set<string> {
  const ids = [
    "name",
    "description",
    "rules",
    "auxiliaryFields",
    "loginProviderTypes",
    "allowAutoContinue",
    "segmentId",
  ];
  draft.rules.forEach((rule, i) => {
    const r = `rules[${i}]`;
    ids.push(
      r,
      `${r}.name`,
      `${r}.displayNamePattern`,
      `${r}.tags`,
      `${r}.conditions`,
      `${r}.winPolicyId`,
      `${r}.winPolicyAssignments`,
      `${r}.segmentId`,
    );
    rule.conditions.forEach((_, j) => {
      for (const f of ["tags", "auxiliaryFields", "patterns", "identifiers"]) ids.push(`${r}.conditions[${j}].${f}`);
    });
    rule.assignments.forEach((_, k) =>
      ids.push(`${r}.winPolicyAssignments[${k}].winPolicyId`, `${r}.winPolicyAssignments[${k}].priority`),
    );
  });
  draft.auxiliaryFields.forEach((_, i) => {
    for (const f of ["type", "key", "title", "description", "options"]) ids.push(`auxiliaryFields[${i}].${f}`);
  });
  if (draft.entraEnabled) {
    ids.push(
      "entraId",
      "entraId.mobilityApp",
      "entraId.mobilityApp.tenantId",
      "entraId.mobilityApp.clientId",
      "entraId.mobilityApp.clientSecret",
    );
  }
  return new Set(ids);
}
