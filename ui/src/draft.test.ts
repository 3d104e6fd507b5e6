import { describe, expect, it } from "vitest";
import type { EnrollmentTemplate } from "./bindings/EnrollmentTemplate";
import {
  allSections,
  cloneOf,
  controlFor,
  controlIds,
  emptyDraft,
  emptyRule,
  fromJson,
  isPristine,
  numberOrText,
  restoreDraft,
  ruleSection,
  sectionOf,
  toTemplateJson,
} from "./draft";

describe("numberOrText", () => {
  it("turns typed numbers into numbers and keeps everything else for the validator", () => {
    expect(numberOrText("")).toBeUndefined();
    expect(numberOrText("  ")).toBeUndefined();
    expect(numberOrText("10000")).toBe(10000);
    expect(numberOrText("-1")).toBe(-1);
    expect(numberOrText("1.5")).toBe(1.5);
    expect(numberOrText("12abc")).toBe("12abc");
    expect(numberOrText("1e3")).toBe("1e3");
  });
});

describe("toTemplateJson", () => {
  it("never sends a client secret, even when what the form was made from held one", () => {
    const carrying = {
      name: "Imported",
      rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0" }],
      entraId: { mobilityApp: { tenantId: "t", clientId: "c", clientSecret: "S3CRET-draft" } },
    };
    const imported = fromJson(carrying);
    // A draft file edited by hand (or by an older build) may carry one anywhere.
    const restored = restoreDraft({ ...imported, clientSecret: "S3CRET-draft", entraId: carrying.entraId });
    for (const draft of [imported, restored]) {
      const json = toTemplateJson(draft);
      expect(json.entraId).toEqual({ mobilityApp: { tenantId: "t", clientId: "c" } });
      expect(JSON.stringify(json)).not.toContain("S3CRET");
    }
  });

  it("leaves unset fields out, and ids exactly as typed (padding gets a warning, not a trim)", () => {
    const draft = { ...emptyDraft(), name: "Laptops", entraEnabled: true, tenantId: " t ", clientId: "c" };
    draft.rules[0].winPolicyId = "64b7f0c2a1e4d5f6a7b8c9d0";
    expect(toTemplateJson(draft)).toEqual({
      name: "Laptops",
      rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0" }],
      entraId: { mobilityApp: { tenantId: " t ", clientId: "c" } },
    });
  });

  it("sends a cleared field cleared, so a server that merges clears it too", () => {
    const draft = fromJson({
      name: "n",
      description: "was here",
      rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0", tags: ["a"] }],
      loginProviderTypes: ["ldap"],
    });
    draft.description = "";
    draft.rules[0].tags = [];
    draft.loginProviderTypes = [];
    expect(toTemplateJson(draft)).toEqual({
      name: "n",
      description: "",
      rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0", tags: [] }],
      loginProviderTypes: [],
    });
  });

  it("keeps what the user typed, even when it is wrong", () => {
    const draft = emptyDraft();
    draft.segmentId = "one";
    draft.rules[0].assignments = [{ winPolicyId: "", priority: "10001" }];
    draft.rules[0].tags = ["a", "", "b"];
    const json = toTemplateJson(draft) as { segmentId: unknown; rules: Array<Record<string, unknown>> };
    expect(json.segmentId).toBe("one");
    expect(json.rules[0].winPolicyAssignments).toEqual([{ priority: 10001 }]);
    expect(json.rules[0].tags).toEqual(["a", "", "b"]);
  });

  it("keeps each value as typed: a provider, a value holding a newline, an empty one", () => {
    const draft = emptyDraft();
    draft.loginProviderTypes = ["saml2", "ldaps", "google-workspace"];
    draft.rules[0].tags = ["two\nlines", ""];
    const json = toTemplateJson(draft) as { loginProviderTypes: unknown; rules: Array<Record<string, unknown>> };
    expect(json.loginProviderTypes).toEqual(["saml2", "ldaps", "google-workspace"]);
    expect(json.rules[0].tags).toEqual(["two\nlines", ""]);
  });
});

describe("fromJson", () => {
  it("round-trips a full template through the editor model", () => {
    const template: EnrollmentTemplate = {
      name: "Corporate",
      description: "Laptops",
      rules: [
        {
          name: "All",
          displayNamePattern: "CORP-{serial}",
          tags: ["corp", "emea"],
          conditions: [
            {
              tags: [["laptop", "emea"]],
              auxiliaryFields: [["department", "finance"]],
              patterns: ["LAP-*"],
              identifiers: ["SN1"],
            },
          ],
          winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0",
          winPolicyAssignments: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d1", priority: 10 }],
          segmentId: 0,
        },
      ],
      auxiliaryFields: [{ type: "select", key: "department", title: "Department", options: ["finance", "it"] }],
      loginProviderTypes: ["ldap", "okta"],
      allowAutoContinue: true,
      entraId: { mobilityApp: { tenantId: "t", clientId: "c" } },
      segmentId: 1,
    };
    expect(toTemplateJson(fromJson(template))).toEqual(template);
  });
});

describe("controlFor", () => {
  it("shows a problem at its own control or the nearest parent that has one", () => {
    const draft = emptyDraft();
    draft.rules = [
      emptyRule(),
      {
        ...emptyRule(),
        assignments: [
          { winPolicyId: "", priority: "" },
          { winPolicyId: "", priority: "" },
        ],
      },
    ];
    const ids = controlIds(draft);
    const at = (path: string) => controlFor(path, (id) => ids.has(id));
    expect(at("rules[1].winPolicyAssignments[1].priority")).toBe("rules[1].winPolicyAssignments[1].priority");
    expect(at("rules[0].tags[2]")).toBe("rules[0].tags");
    expect(at("rules[1].conditions[0].tags[1][0]")).toBe("rules[1].conditions");
    expect(at("rules")).toBe("rules");
    expect(at("nmae")).toBe("nmae");
  });
});

describe("fromJson", () => {
  it("shows what a control can hold and keeps the rest as it came, never dropped", () => {
    const odd = {
      name: 7,
      segmentId: "1",
      rules: [
        {
          winPolicyId: "string",
          winPolicyAssignments: [{ priority: 1.5 }, { priority: { deep: 1 }, note: "x" }],
          conditions: [{ patterns: ["a"] }, 42],
          teamNotes: ["x"],
        },
      ],
      auxiliaryFields: "nope",
      allowAutoContinue: "true",
      entraId: { mobilityApp: { tenantId: "t", clientId: 5, region: "eu" } },
      ownerTeam: { name: "IT" },
    };
    const draft = fromJson(odd);
    expect(draft.name).toBe("");
    expect(draft.kept).toEqual({
      name: 7,
      auxiliaryFields: "nope",
      allowAutoContinue: "true",
      ownerTeam: { name: "IT" },
    });
    expect(draft.segmentId).toBe("1");
    expect(draft.rules[0].winPolicyId).toBe("string");
    expect(draft.rules[0].assignments[0].priority).toBe("1.5");
    expect(draft.rules[0].assignments[1].kept).toEqual({ priority: { deep: 1 }, note: "x" });
    expect(draft.rules[0].kept).toEqual({ conditions: [{ patterns: ["a"] }, 42], teamNotes: ["x"] });
    expect(draft.mobilityApp?.kept).toEqual({ clientId: 5, region: "eu" });
    // Sent back as it came, except what the controls normalise (a numeric text is a number).
    expect(toTemplateJson(draft)).toEqual({ ...odd, segmentId: 1 });
    expect(fromJson(null)).toMatchObject({ name: "", rules: [] });
  });

  it("clones a listed template under a new name, from the server's copy", () => {
    const body = {
      name: "Laptops",
      rules: [{ winPolicyAssignments: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0", priority: 0 }] }],
      entraId: { mobilityApp: { tenantId: "t", clientId: "c" } },
    };
    const clone = cloneOf({ id: "698e06f56544c9857506df0c", name: "Laptops", devicesCount: 3, body });
    expect(toTemplateJson(clone)).toEqual({
      name: "Laptops (copy)",
      rules: [{ winPolicyAssignments: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0", priority: 0 }] }],
      entraId: { mobilityApp: { tenantId: "t", clientId: "c" } },
    });
  });
});

describe("drafts", () => {
  it("restore exactly what was typed, with fresh list keys", () => {
    const draft = emptyDraft();
    draft.name = "Half done";
    draft.segmentId = "abc";
    const saved = JSON.parse(JSON.stringify(draft));
    const restored = restoreDraft(saved);
    expect(toTemplateJson(restored)).toEqual(toTemplateJson(draft));
    expect(restored.rules[0].key).not.toBe(draft.rules[0].key);
    expect(isPristine(emptyDraft())).toBe(true);
    expect(isPristine(restored)).toBe(false);
  });
});

describe("allowAutoContinue", () => {
  it("keeps not set, on and off apart through the editor", () => {
    const base = { name: "n", rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0" }] };
    for (const value of [true, false, undefined]) {
      const template = value === undefined ? base : { ...base, allowAutoContinue: value };
      expect(toTemplateJson(fromJson(template))).toEqual(template);
    }
  });

  it("reads an older draft's checkbox: true was on, false was not set", () => {
    expect(restoreDraft({ allowAutoContinue: true }).allowAutoContinue).toBe("on");
    expect(restoreDraft({ allowAutoContinue: false }).allowAutoContinue).toBe("unset");
    expect(restoreDraft({ allowAutoContinue: "off" }).allowAutoContinue).toBe("off");
  });
});

describe("values the editor does not know", () => {
  it("keeps an unknown auxiliary field type and a text field's options exactly", () => {
    const template = {
      name: "n",
      rules: [{ winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0" }],
      auxiliaryFields: [
        { type: "multiselect", key: "a", options: ["x", "y"] },
        { type: "text", key: "b", options: ["kept"] },
        { type: "text", key: "c", options: [] },
        { key: "d" },
        { type: "select", key: "e" },
      ],
      loginProviderTypes: ["okta", "ldap", "some-future-provider"],
    };
    expect(toTemplateJson(fromJson(template))).toEqual(template);
  });

  it("keeps condition values that hold commas, each in its own group", () => {
    const template = {
      name: "n",
      rules: [
        {
          winPolicyId: "64b7f0c2a1e4d5f6a7b8c9d0",
          conditions: [{ tags: [["Sales, EMEA", "laptop"], []], auxiliaryFields: [["cost center", "4,2"]] }],
        },
      ],
    };
    expect(toTemplateJson(fromJson(template))).toEqual(template);
  });
});

describe("sectionOf", () => {
  it("names the collapsible section that shows a problem, following a rule when rules move", () => {
    const draft = { ...emptyDraft(), rules: [emptyRule(), emptyRule()] };
    const [first, second] = draft.rules;
    expect(sectionOf("auxiliaryFields[2].options[0]", draft)).toBe("auxiliaryFields");
    expect(sectionOf("auxiliaryFields", draft)).toBe("auxiliaryFields");
    expect(sectionOf("loginProviderTypes[1]", draft)).toBe("signIn");
    expect(sectionOf("allowAutoContinue", draft)).toBe("signIn");
    expect(sectionOf("entraId.mobilityApp.clientSecret", draft)).toBe("entraId");
    expect(sectionOf("rules[1].winPolicyAssignments[0].priority", draft)).toBe(
      ruleSection(second, "winPolicyAssignments"),
    );
    expect(sectionOf("rules[0].conditions[3].tags[0][1]", draft)).toBe(ruleSection(first, "conditions"));
    // Always shown: no section to open.
    expect(sectionOf("name", draft)).toBeNull();
    expect(sectionOf("rules[0].winPolicyId", draft)).toBeNull();
    expect(sectionOf("rules[5].conditions", draft)).toBeNull();
    // Moved: the problem at rules[0] now belongs to the rule that was second.
    const moved = { ...draft, rules: [second, first] };
    expect(sectionOf("rules[0].conditions", moved)).toBe(ruleSection(second, "conditions"));
    expect(allSections(moved)).toEqual([
      "auxiliaryFields",
      "signIn",
      "entraId",
      ruleSection(second, "winPolicyAssignments"),
      ruleSection(second, "conditions"),
      ruleSection(first, "winPolicyAssignments"),
      ruleSection(first, "conditions"),
    ]);
  });
});
