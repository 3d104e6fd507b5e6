// The editor's model of a template. Every control holds exactly the text the user typed (numbers
// too), so nothing typed is ever lost or silently "corrected"; `toTemplateJson` turns it into the
// JSON the Rust validator judges, keeping wrong values as they are so it can name them.
import type { AuxiliaryField } from "./bindings/AuxiliaryField";
import type { Condition } from "./bindings/Condition";
import type { CreatedTemplate } from "./bindings/CreatedTemplate";
import type { EnrollmentTemplate } from "./bindings/EnrollmentTemplate";
import type { MobilityApp } from "./bindings/MobilityApp";
import type { PolicyAssignment } from "./bindings/PolicyAssignment";
import type { Rule } from "./bindings/Rule";

/** A contract object as the editor writes or reads it: its fields by their real names (checked by
 * the compiler against the generated bindings), each holding any JSON, since a wrong value is kept
 * for the validator to name. */
type Loose<T> = { [K in keyof T]?: unknown };
/** A field name of contract object `T`. */
type Field<T> = keyof T & string;

export interface AssignmentDraft {
  winPolicyId: string;
  priority: string;
}

/** Groups of values (`[["laptop", "emea"], ["desktop"]]`), each value in its own box: a value
 * may hold a comma, so no separator can stand for the structure. */
export type Groups = string[][];

/** The list fields of an item that came in as `[]`: an empty box means "absent" to the editor,
 * so these are written back as `[]` when still empty, and nothing given is lost. */
type EmptyLists = { emptyLists?: string[] };

export interface ConditionDraft extends EmptyLists {
  /** Tag groups. */
  tags: Groups;
  /** Auxiliary-field matches, each a group (`[key, value]`). */
  auxiliaryFields: Groups;
  /** One per line. */
  patterns: string;
  identifiers: string;
}

export interface RuleDraft extends EmptyLists {
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

/** `select`, `text`, not set (""), or a type this Winroll does not know, kept exactly as given
 * (shown as such; the validator names it, and export writes it back untouched). */
export type AuxType = string;

export interface AuxDraft extends EmptyLists {
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

export interface TemplateDraft extends EmptyLists {
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

export const emptyCondition = (): ConditionDraft => ({ tags: [], auxiliaryFields: [], patterns: "", identifiers: "" });
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

function put<T>(target: Loose<T>, key: Field<T>, value: unknown) {
  if (value !== undefined) target[key] = value;
}

/** A list field: its values, or `[]` when it came in empty and is still empty, else absent. */
function putList<T>(target: Loose<T>, key: Field<T>, values: unknown[], item: EmptyLists) {
  put(target, key, values.length || item.emptyLists?.includes(key) ? values : undefined);
}

/** Which of `fields` are `[]` in `value`. */
function emptyListsIn<T>(value: Loose<T>, fields: Field<T>[]): string[] | undefined {
  const empty = fields.filter((f) => Array.isArray(value[f]) && (value[f] as unknown[]).length === 0);
  return empty.length ? empty : undefined;
}

function ruleJson(rule: RuleDraft): Loose<Rule> {
  const out: Loose<Rule> = {};
  put(out, "name", rule.name === "" ? undefined : rule.name);
  put(out, "displayNamePattern", rule.displayNamePattern === "" ? undefined : rule.displayNamePattern);
  putList(out, "tags", lines(rule.tags), rule);
  putList(
    out,
    "conditions",
    rule.conditions.map((c) => {
      const condition: Loose<Condition> = {};
      putList(condition, "tags", c.tags, c);
      putList(condition, "auxiliaryFields", c.auxiliaryFields, c);
      putList(condition, "patterns", lines(c.patterns), c);
      putList(condition, "identifiers", lines(c.identifiers), c);
      return condition;
    }),
    rule,
  );
  put(out, "winPolicyId", rule.winPolicyId.trim() === "" ? undefined : rule.winPolicyId.trim());
  putList(
    out,
    "winPolicyAssignments",
    rule.assignments.map((a) => {
      const assignment: Loose<PolicyAssignment> = {};
      put(assignment, "winPolicyId", a.winPolicyId.trim() === "" ? undefined : a.winPolicyId.trim());
      put(assignment, "priority", numberOrText(a.priority));
      return assignment;
    }),
    rule,
  );
  put(out, "segmentId", numberOrText(rule.segmentId));
  return out;
}

/** The JSON sent to the validator and to `create`. Never carries the client secret. */
export function toTemplateJson(draft: TemplateDraft): Loose<EnrollmentTemplate> {
  const out: Loose<EnrollmentTemplate> = { name: draft.name };
  put(out, "description", draft.description === "" ? undefined : draft.description);
  out.rules = draft.rules.map(ruleJson);
  putList(
    out,
    "auxiliaryFields",
    draft.auxiliaryFields.map((f) => {
      const field: Loose<AuxiliaryField> = { key: f.fieldKey };
      put(field, "type", f.type === "" ? undefined : f.type);
      put(field, "title", f.title === "" ? undefined : f.title);
      put(field, "description", f.description === "" ? undefined : f.description);
      // A new select field shows its missing options as a problem rather than leaving them out.
      putList(field, "options", lines(f.options), f.type === "select" ? { emptyLists: ["options"] } : f);
      return field;
    }),
    draft,
  );
  putList(out, "loginProviderTypes", draft.loginProviderTypes, draft);
  put(out, "allowAutoContinue", { unset: undefined, on: true, off: false }[draft.allowAutoContinue]);
  if (draft.entraEnabled) {
    const mobilityApp: Loose<MobilityApp> = { tenantId: draft.tenantId.trim(), clientId: draft.clientId.trim() };
    out.entraId = { mobilityApp };
  }
  put(out, "segmentId", numberOrText(draft.segmentId));
  return out;
}

// Reading JSON that may not match the contract (a file, a server's echo): every value is kept as
// text the user can see and fix, never dropped because its type is wrong.
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
/** `v` read as contract object `T`: its fields by their real names. */
const as = <T>(v: unknown): Loose<T> => obj(v) as Loose<T>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string =>
  v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
const textLines = (v: unknown): string => list(v).map(text).join("\n");
const groups = (v: unknown): Groups => list(v).map((g) => list(g).map(text));

function ruleFromJson(value: unknown): RuleDraft {
  const rule = as<Rule>(value);
  return {
    key: newKey(),
    name: text(rule.name),
    displayNamePattern: text(rule.displayNamePattern),
    emptyLists: emptyListsIn(rule, ["tags", "conditions", "winPolicyAssignments"]),
    tags: textLines(rule.tags),
    conditions: list(rule.conditions).map((c) => {
      const condition = as<Condition>(c);
      return {
        emptyLists: emptyListsIn(condition, ["tags", "auxiliaryFields", "patterns", "identifiers"]),
        tags: groups(condition.tags),
        auxiliaryFields: groups(condition.auxiliaryFields),
        patterns: textLines(condition.patterns),
        identifiers: textLines(condition.identifiers),
      };
    }),
    winPolicyId: text(rule.winPolicyId),
    assignments: list(rule.winPolicyAssignments).map((a) => ({
      winPolicyId: text(as<PolicyAssignment>(a).winPolicyId),
      priority: text(as<PolicyAssignment>(a).priority),
    })),
    segmentId: text(rule.segmentId),
  };
}

/** The editor's model of a template given as JSON (an import, a clone, a typed template). */
export function fromJson(value: unknown): TemplateDraft {
  const t = as<EnrollmentTemplate>(value);
  const app = as<MobilityApp>(obj(t.entraId).mobilityApp);
  const auxType = (v: unknown): AuxType => (v === undefined ? "" : text(v));
  return {
    emptyLists: emptyListsIn(t, ["auxiliaryFields", "loginProviderTypes"]),
    name: text(t.name),
    description: text(t.description),
    rules: list(t.rules).map(ruleFromJson),
    auxiliaryFields: list(t.auxiliaryFields).map((f) => {
      const field = as<AuxiliaryField>(f);
      return {
        key: newKey(),
        emptyLists: emptyListsIn(field, ["options"]),
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
    rules: (d.rules ?? empty.rules).map((r) => ({
      ...r,
      key: newKey(),
      conditions: list(r.conditions).map((c) => restoreCondition(obj(c))),
    })),
    auxiliaryFields: (d.auxiliaryFields ?? []).map((f) => ({ ...f, key: newKey() })),
    allowAutoContinue: autoContinue(d.allowAutoContinue),
  };
}

/** A saved condition; drafts from before the group editor kept a group a line, values split by
 * commas (the only reading they can have). */
function restoreCondition(c: Record<string, unknown>): ConditionDraft {
  const asGroups = (v: unknown): Groups =>
    typeof v === "string" ? lines(v).map((line) => line.split(",").map((value) => value.trim())) : groups(v);
  return {
    emptyLists: Array.isArray(c.emptyLists) ? c.emptyLists.map(text) : undefined,
    tags: asGroups(c.tags),
    auxiliaryFields: asGroups(c.auxiliaryFields),
    patterns: text(c.patterns),
    identifiers: text(c.identifiers),
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
// The fields each kind of object shows a control for, by their contract names.
const TEMPLATE_CONTROLS: Field<EnrollmentTemplate>[] = [
  "name",
  "description",
  "rules",
  "auxiliaryFields",
  "loginProviderTypes",
  "allowAutoContinue",
  "segmentId",
];
const RULE_CONTROLS: Field<Rule>[] = [
  "name",
  "displayNamePattern",
  "tags",
  "conditions",
  "winPolicyId",
  "winPolicyAssignments",
  "segmentId",
];
const CONDITION_CONTROLS: Field<Condition>[] = ["tags", "auxiliaryFields", "patterns", "identifiers"];
const CONDITION_GROUPS = ["tags", "auxiliaryFields"] as const satisfies Field<Condition>[];
const ASSIGNMENT_CONTROLS: Field<PolicyAssignment>[] = ["winPolicyId", "priority"];
const AUXILIARY_CONTROLS: Field<AuxiliaryField>[] = ["type", "key", "title", "description", "options"];
const MOBILITY_APP_CONTROLS: Field<MobilityApp>[] = ["tenantId", "clientId"];

/** Every control id the editor renders for this draft; problems are shown at these. */
export function controlIds(draft: TemplateDraft): Set<string> {
  const ids: string[] = [...TEMPLATE_CONTROLS];
  draft.rules.forEach((rule, i) => {
    const r = `rules[${i}]`;
    ids.push(r, ...RULE_CONTROLS.map((f) => `${r}.${f}`));
    rule.conditions.forEach((c, j) => {
      const cp = `${r}.conditions[${j}]`;
      for (const f of CONDITION_CONTROLS) ids.push(`${cp}.${f}`);
      for (const f of CONDITION_GROUPS) {
        c[f].forEach((group, g) => group.forEach((_, v) => ids.push(`${cp}.${f}[${g}][${v}]`)));
      }
    });
    rule.assignments.forEach((_, k) =>
      ids.push(...ASSIGNMENT_CONTROLS.map((f) => `${r}.winPolicyAssignments[${k}].${f}`)),
    );
  });
  draft.auxiliaryFields.forEach((_, i) => {
    for (const f of AUXILIARY_CONTROLS) ids.push(`auxiliaryFields[${i}].${f}`);
  });
  if (draft.entraEnabled) {
    const app = "entraId.mobilityApp";
    // The secret's control is the keychain box: the field itself is not in the bindings.
    ids.push("entraId", app, ...MOBILITY_APP_CONTROLS.map((f) => `${app}.${f}`), `${app}.clientSecret`);
  }
  return new Set(ids);
}

/** The open state's key of a rule's policy assignments or conditions: follows the rule when
 * rules are reordered. */
export const ruleSection = (rule: RuleDraft, part: "winPolicyAssignments" | "conditions") => `${part}:${rule.key}`;

/** The collapsible section that shows a problem's control, or null when the control is always
 * shown: a closed section counts the problem on its heading, and jumping to it opens it. */
export function sectionOf(path: string, draft: TemplateDraft): string | null {
  if (/^auxiliaryFields\b/.test(path)) return "auxiliaryFields";
  if (/^(loginProviderTypes|allowAutoContinue)\b/.test(path)) return "signIn";
  if (/^entraId\b/.test(path)) return "entraId";
  const inRule = /^rules\[(\d+)\]\.(winPolicyAssignments|conditions)\b/.exec(path);
  const rule = inRule ? draft.rules[Number(inRule[1])] : undefined;
  return inRule && rule ? ruleSection(rule, inRule[2] as "winPolicyAssignments" | "conditions") : null;
}

/** Every collapsible section of this draft ("Expand all"). */
export function allSections(draft: TemplateDraft): string[] {
  return [
    "auxiliaryFields",
    "signIn",
    "entraId",
    ...draft.rules.flatMap((r) => [ruleSection(r, "winPolicyAssignments"), ruleSection(r, "conditions")]),
  ];
}
