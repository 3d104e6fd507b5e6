// The editor's model of a template. Every control holds exactly what the user typed (numbers as
// text too), so nothing typed is lost or silently "corrected"; `toTemplateJson` turns it into the
// JSON the Rust validator judges, keeping wrong values as they are so it can name them.
//
// Nothing that came in is lost either. Each object keeps, beside its controls:
// - `kept`: its fields the editor has no control for (fields Winroll does not model) and those whose
//   value a control cannot hold as it is (a number where the page wants text, a list with an odd
//   item), sent back exactly as they came; the window lists them read-only, each with Remove;
// - `given`: which of its fields were present, so one cleared by the user is sent cleared (`""`,
//   `[]`) rather than left out: a server that merges changes instead of replacing clears it too.
import type { AuxiliaryField } from "./bindings/AuxiliaryField";
import type { Condition } from "./bindings/Condition";
import { CONTRACT_FIELDS, KNOWN_LOGIN_PROVIDERS as PAGE_PROVIDERS } from "./bindings/contract";
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

/** Any JSON object. */
export type Json = Record<string, unknown>;

/** What every object of the draft keeps beside its controls (see the top of this file). */
interface Whole {
  kept?: Json;
  given?: string[];
}

/** A list of text values, each in its own box: a value may hold a comma, a newline or nothing. */
export type Values = string[];

/** Groups of values (`[["laptop", "emea"], ["desktop"]]`), each value in its own box. */
export type Groups = string[][];

export interface AssignmentDraft extends Whole {
  winPolicyId: string;
  priority: string;
}

export interface ConditionDraft extends Whole {
  /** Tag groups. */
  tags: Groups;
  /** Auxiliary-field matches, each a group (`[key, value]`). */
  auxiliaryFields: Groups;
  patterns: Values;
  identifiers: Values;
}

export interface RuleDraft extends Whole {
  key: number;
  name: string;
  displayNamePattern: string;
  tags: Values;
  conditions: ConditionDraft[];
  winPolicyId: string;
  assignments: AssignmentDraft[];
  segmentId: string;
}

/** `select`, `text`, not set (""), or a type this Winroll does not know, kept exactly as given
 * (shown as such; the validator warns, and it is sent untouched). */
export type AuxType = string;

export interface AuxDraft extends Whole {
  key: number;
  type: AuxType;
  fieldKey: string;
  title: string;
  description: string;
  options: Values;
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

export interface TemplateDraft extends Whole {
  name: string;
  description: string;
  rules: RuleDraft[];
  auxiliaryFields: AuxDraft[];
  loginProviderTypes: Values;
  /** The page gives no default, so "not set" is not "off": all three are kept apart. */
  allowAutoContinue: AutoContinue;
  entraEnabled: boolean;
  /** What `entraId` and its `mobilityApp` keep beside the ids. */
  entra?: Whole;
  mobilityApp?: Whole;
  tenantId: string;
  clientId: string;
  segmentId: string;
}

export const KNOWN_LOGIN_PROVIDERS = PAGE_PROVIDERS;

let nextKey = 1;
/** Stable React keys for list items, so reordering keeps focus and typed text in place. */
export const newKey = () => nextKey++;

export const emptyCondition = (): ConditionDraft => ({ tags: [], auxiliaryFields: [], patterns: [], identifiers: [] });
export const emptyAssignment = (): AssignmentDraft => ({ winPolicyId: "", priority: "" });
export const emptyRule = (): RuleDraft => ({
  key: newKey(),
  name: "",
  displayNamePattern: "",
  tags: [],
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
  options: [],
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

// ---- writing: the draft as the template's JSON ----

/** Writes the object's controls through `put`, then what it kept where the controls wrote nothing. */
function writer<T>(item: Whole) {
  const out: Json = {};
  const given = (key: string) => item.given?.includes(key) ?? false;
  return {
    out,
    /** A control's value; `undefined` (left empty) writes `empty` when the field came in. */
    put(key: Field<T>, value: unknown, empty?: unknown) {
      if (value !== undefined) out[key] = value;
      else if (empty !== undefined && given(key)) out[key] = empty;
    },
    text(key: Field<T>, value: string) {
      this.put(key, value === "" ? undefined : value, "");
    },
    list(key: Field<T>, values: unknown[]) {
      this.put(key, values.length ? values : undefined, []);
    },
    done(): Loose<T> & Json {
      for (const [key, value] of Object.entries(item.kept ?? {})) if (!(key in out)) out[key] = value;
      return out as Loose<T> & Json;
    },
  };
}

function ruleJson(rule: RuleDraft): Loose<Rule> {
  const w = writer<Rule>(rule);
  w.text("name", rule.name);
  w.text("displayNamePattern", rule.displayNamePattern);
  w.list("tags", rule.tags);
  w.list(
    "conditions",
    rule.conditions.map((c) => {
      const cw = writer<Condition>(c);
      cw.list("tags", c.tags);
      cw.list("auxiliaryFields", c.auxiliaryFields);
      cw.list("patterns", c.patterns);
      cw.list("identifiers", c.identifiers);
      return cw.done();
    }),
  );
  w.text("winPolicyId", rule.winPolicyId);
  w.list(
    "winPolicyAssignments",
    rule.assignments.map((a) => {
      const aw = writer<PolicyAssignment>(a);
      aw.text("winPolicyId", a.winPolicyId);
      aw.put("priority", numberOrText(a.priority));
      return aw.done();
    }),
  );
  w.put("segmentId", numberOrText(rule.segmentId));
  return w.done();
}

/** The JSON sent to the validator and to `create`. Never carries the client secret. */
export function toTemplateJson(draft: TemplateDraft): Loose<EnrollmentTemplate> & Json {
  const w = writer<EnrollmentTemplate>(draft);
  w.text("name", draft.name);
  w.text("description", draft.description);
  w.list("rules", draft.rules.map(ruleJson));
  w.list(
    "auxiliaryFields",
    draft.auxiliaryFields.map((f) => {
      const fw = writer<AuxiliaryField>(f);
      fw.put("type", f.type === "" ? undefined : f.type);
      fw.text("key", f.fieldKey);
      fw.text("title", f.title);
      fw.text("description", f.description);
      fw.list("options", f.options);
      return fw.done();
    }),
  );
  w.list("loginProviderTypes", draft.loginProviderTypes);
  w.put("allowAutoContinue", { unset: undefined, on: true, off: false }[draft.allowAutoContinue]);
  if (draft.entraEnabled) {
    const ew = writer<{ mobilityApp: unknown }>(draft.entra ?? {});
    const app = draft.mobilityApp ?? {};
    // An app that came in, or ids typed: the mobility app; `entraId: {}` otherwise, as it came.
    if (app.given?.length || app.kept || draft.tenantId !== "" || draft.clientId !== "") {
      const aw = writer<MobilityApp>(app);
      aw.text("tenantId", draft.tenantId);
      aw.text("clientId", draft.clientId);
      ew.put("mobilityApp", aw.done());
    }
    w.put("entraId" as Field<EnrollmentTemplate>, ew.done());
  }
  w.put("segmentId", numberOrText(draft.segmentId));
  return w.done();
}

// ---- reading: JSON (a file, a server's copy) as the draft ----

const obj = (v: unknown): Json => (isObject(v) ? v : {});
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string";
const isTexts = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);
const isGroups = (v: unknown): v is string[][] => Array.isArray(v) && v.every(isTexts);
const isObjects = (v: unknown): v is Json[] => Array.isArray(v) && v.every(isObject);
/** A number or a numeric text: a control holds it as text; anything else cannot be typed. */
const isNumberLike = (v: unknown): v is number | string => typeof v === "number" || typeof v === "string";

/**
 * Reads one object: `take(key, fits)` gives a field's value when a control can hold it, and keeps
 * it (to be sent back as it came) when one cannot; `finish()` keeps every field the editor has no
 * control for and records which fields came in.
 */
function reader<T>(value: unknown, kind: keyof typeof CONTRACT_FIELDS) {
  const fields = obj(value);
  const kept: Json = {};
  const given: string[] = [];
  const modelled: readonly string[] = CONTRACT_FIELDS[kind];
  return {
    take<V>(key: Field<T>, fits: (v: unknown) => v is V): V | undefined {
      if (!(key in fields)) return undefined;
      const v = fields[key];
      if (fits(v)) {
        given.push(key);
        return v;
      }
      kept[key] = v;
      return undefined;
    },
    finish(handled: readonly string[]): Whole {
      for (const [key, v] of Object.entries(fields)) {
        // A secret never lives in the window (the backend scrubs them; this is the second lock).
        if (SECRET_KEY.test(key)) continue;
        if (!modelled.includes(key) || !handled.includes(key)) {
          if (!given.includes(key)) kept[key] = v;
        }
      }
      return { ...(Object.keys(kept).length ? { kept } : {}), ...(given.length ? { given } : {}) };
    },
  };
}

const orText = (v: string | number | undefined) => (v === undefined ? "" : String(v));
/** Field names that hold a secret, as the backend's scrub reads them. */
const SECRET_KEY = /secret|password/i;

function conditionFromJson(value: unknown): ConditionDraft {
  const r = reader<Condition>(value, "condition");
  const draft = {
    tags: r.take("tags", isGroups) ?? [],
    auxiliaryFields: r.take("auxiliaryFields", isGroups) ?? [],
    patterns: r.take("patterns", isTexts) ?? [],
    identifiers: r.take("identifiers", isTexts) ?? [],
  };
  return { ...draft, ...r.finish(["tags", "auxiliaryFields", "patterns", "identifiers"]) };
}

function assignmentFromJson(value: unknown): AssignmentDraft {
  const r = reader<PolicyAssignment>(value, "assignment");
  const draft = {
    winPolicyId: r.take("winPolicyId", isText) ?? "",
    priority: orText(r.take("priority", isNumberLike)),
  };
  return { ...draft, ...r.finish(["winPolicyId", "priority"]) };
}

function ruleFromJson(value: unknown): RuleDraft {
  const r = reader<Rule>(value, "rule");
  const draft = {
    key: newKey(),
    name: r.take("name", isText) ?? "",
    displayNamePattern: r.take("displayNamePattern", isText) ?? "",
    tags: r.take("tags", isTexts) ?? [],
    conditions: (r.take("conditions", isObjects) ?? []).map(conditionFromJson),
    winPolicyId: r.take("winPolicyId", isText) ?? "",
    assignments: (r.take("winPolicyAssignments", isObjects) ?? []).map(assignmentFromJson),
    segmentId: orText(r.take("segmentId", isNumberLike)),
  };
  const handled = [
    "name",
    "displayNamePattern",
    "tags",
    "conditions",
    "winPolicyId",
    "winPolicyAssignments",
    "segmentId",
  ];
  return { ...draft, ...r.finish(handled) };
}

function auxFromJson(value: unknown): AuxDraft {
  const r = reader<AuxiliaryField>(value, "auxiliaryField");
  const draft = {
    key: newKey(),
    type: r.take("type", isText) ?? "",
    fieldKey: r.take("key", isText) ?? "",
    title: r.take("title", isText) ?? "",
    description: r.take("description", isText) ?? "",
    options: r.take("options", isTexts) ?? [],
  };
  return { ...draft, ...r.finish(["type", "key", "title", "description", "options"]) };
}

const isAutoContinue = (v: unknown): v is boolean => typeof v === "boolean";

/** The editor's model of a template given as JSON (an import, a clone, a server's copy): every
 * field it cannot show is kept, and goes back as it came. */
export function fromJson(value: unknown): TemplateDraft {
  const r = reader<EnrollmentTemplate>(value, "template");
  const rules = r.take("rules", isObjects);
  const aux = r.take("auxiliaryFields", isObjects);
  const auto = r.take("allowAutoContinue", isAutoContinue);
  const entra = r.take("entraId" as Field<EnrollmentTemplate>, isObject);
  const entraReader = reader<{ mobilityApp: unknown }>(entra, "entraId");
  const app = entra ? entraReader.take("mobilityApp", isObject) : undefined;
  const appReader = reader<MobilityApp>(app, "mobilityApp");
  const tenantId = app ? (appReader.take("tenantId", isText) ?? "") : "";
  const clientId = app ? (appReader.take("clientId", isText) ?? "") : "";
  const draft: TemplateDraft = {
    name: r.take("name", isText) ?? "",
    description: r.take("description", isText) ?? "",
    rules: (rules ?? []).map(ruleFromJson),
    auxiliaryFields: (aux ?? []).map(auxFromJson),
    loginProviderTypes: r.take("loginProviderTypes", isTexts) ?? [],
    allowAutoContinue: auto === true ? "on" : auto === false ? "off" : "unset",
    entraEnabled: entra !== undefined,
    tenantId,
    clientId,
    segmentId: orText(r.take("segmentId", isNumberLike)),
  };
  if (entra) draft.entra = entraReader.finish(["mobilityApp"]);
  if (app) draft.mobilityApp = appReader.finish(["tenantId", "clientId"]);
  const handled = [
    "name",
    "description",
    "rules",
    "auxiliaryFields",
    "loginProviderTypes",
    "allowAutoContinue",
    "entraId",
    "segmentId",
  ];
  return { ...draft, ...r.finish(handled) };
}

/** A listed template as a new one to edit: same settings, a new name. */
export function cloneOf(template: CreatedTemplate): TemplateDraft {
  const draft = fromJson(template.body);
  return { ...draft, name: `${draft.name} (copy)` };
}

/** A saved draft back in the editor, with fresh list keys. */
export function restoreDraft(saved: unknown): TemplateDraft {
  const d = obj(saved) as Partial<TemplateDraft> & Json;
  const empty = emptyDraft();
  const values = (v: unknown): Values => (isTexts(v) ? v : typeof v === "string" ? lines(v) : []);
  return {
    ...empty,
    ...d,
    rules: (Array.isArray(d.rules) ? d.rules : empty.rules).map((r: RuleDraft) => ({
      ...r,
      key: newKey(),
      tags: values(r.tags),
      conditions: (Array.isArray(r.conditions) ? r.conditions : []).map((c) => restoreCondition(obj(c))),
    })),
    auxiliaryFields: (Array.isArray(d.auxiliaryFields) ? d.auxiliaryFields : []).map((f: AuxDraft) => ({
      ...f,
      key: newKey(),
      options: values(f.options),
    })),
    loginProviderTypes: values(d.loginProviderTypes),
    allowAutoContinue: autoContinue(d.allowAutoContinue),
  };
}

/** Text one value a line: how drafts from before the value boxes kept their lists. */
const lines = (text: string): Values => (text.trim() === "" ? [] : text.split("\n"));

/** A saved condition; drafts from before the group editor kept a group a line, values split by
 * commas (the only reading they can have). */
function restoreCondition(c: Json): ConditionDraft {
  const asGroups = (v: unknown): Groups =>
    typeof v === "string" ? lines(v).map((line) => line.split(",").map((value) => value.trim())) : isGroups(v) ? v : [];
  const values = (v: unknown): Values => (isTexts(v) ? v : typeof v === "string" ? lines(v) : []);
  return {
    ...(isObject(c.kept) ? { kept: c.kept } : {}),
    ...(isTexts(c.given) ? { given: c.given } : {}),
    tags: asGroups(c.tags),
    auxiliaryFields: asGroups(c.auxiliaryFields),
    patterns: values(c.patterns),
    identifiers: values(c.identifiers),
  };
}

/** Whether the form holds anything worth keeping. */
export const isPristine = (draft: TemplateDraft) =>
  JSON.stringify(toTemplateJson(draft)) === JSON.stringify(toTemplateJson(emptyDraft()));

/**
 * The control that shows a problem: the path itself when a control has that id, else its nearest
 * parent (`rules[0].tags[2]` is shown at the `rules[0].tags` list).
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
const CONDITION_VALUES = ["patterns", "identifiers"] as const satisfies Field<Condition>[];
const ASSIGNMENT_CONTROLS: Field<PolicyAssignment>[] = ["winPolicyId", "priority"];
const AUXILIARY_CONTROLS: Field<AuxiliaryField>[] = ["type", "key", "title", "description", "options"];
const MOBILITY_APP_CONTROLS: Field<MobilityApp>[] = ["tenantId", "clientId"];

/** Every control id the editor renders for this draft; problems are shown at these. A kept field
 * the editor does not model is shown (with its problems) where it is listed. */
export function controlIds(draft: TemplateDraft): Set<string> {
  const ids: string[] = [...TEMPLATE_CONTROLS];
  const values = (prefix: string, list: Values) => list.forEach((_, i) => ids.push(`${prefix}[${i}]`));
  const kept = (prefix: string, item: Whole | undefined, kind: keyof typeof CONTRACT_FIELDS) => {
    const modelled: readonly string[] = CONTRACT_FIELDS[kind];
    for (const key of Object.keys(item?.kept ?? {}))
      if (!modelled.includes(key)) ids.push(prefix ? `${prefix}.${key}` : key);
  };
  kept("", draft, "template");
  kept("entraId", draft.entra, "entraId");
  kept("entraId.mobilityApp", draft.mobilityApp, "mobilityApp");
  values("loginProviderTypes", draft.loginProviderTypes);
  draft.rules.forEach((rule, i) => {
    const r = `rules[${i}]`;
    ids.push(r, ...RULE_CONTROLS.map((f) => `${r}.${f}`));
    kept(r, rule, "rule");
    values(`${r}.tags`, rule.tags);
    rule.conditions.forEach((c, j) => {
      const cp = `${r}.conditions[${j}]`;
      ids.push(cp);
      kept(cp, c, "condition");
      for (const f of CONDITION_CONTROLS) ids.push(`${cp}.${f}`);
      for (const f of CONDITION_GROUPS) {
        c[f].forEach((group, g) => group.forEach((_, v) => ids.push(`${cp}.${f}[${g}][${v}]`)));
      }
      for (const f of CONDITION_VALUES) values(`${cp}.${f}`, c[f]);
    });
    rule.assignments.forEach((a, k) => {
      const ap = `${r}.winPolicyAssignments[${k}]`;
      ids.push(ap, ...ASSIGNMENT_CONTROLS.map((f) => `${ap}.${f}`));
      kept(ap, a, "assignment");
    });
  });
  draft.auxiliaryFields.forEach((f, i) => {
    ids.push(`auxiliaryFields[${i}]`);
    kept(`auxiliaryFields[${i}]`, f, "auxiliaryField");
    for (const c of AUXILIARY_CONTROLS) ids.push(`auxiliaryFields[${i}].${c}`);
    values(`auxiliaryFields[${i}].options`, f.options);
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
