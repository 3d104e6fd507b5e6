// The rules list: add, remove, reorder, duplicate; each rule with its conditions and policies.
import { CONTRACT_FIELDS } from "../bindings/contract";
import { emptyAssignment, emptyCondition, emptyRule, newKey, ruleSection, type RuleDraft } from "../draft";
import { Disclosure, howMany } from "./Disclosure";
import { GroupProblems, TextField } from "./fields";
import { GroupsEditor } from "./GroupsEditor";
import { KeptFields } from "./KeptFields";
import { ValuesEditor } from "./ValuesEditor";

interface Props {
  rules: RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
}

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

export function RulesEditor({ rules, onChange }: Props) {
  const update = (i: number, rule: RuleDraft) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  return (
    <section aria-labelledby="rules-heading" className="section">
      <h2 id="rules-heading">Rules</h2>
      <p className="help">
        Auto-enrollment rules that classify devices and assign policies. At least one rule must name a policy.
      </p>
      <div id="rules" tabIndex={-1}>
        <GroupProblems id="rules" />
      </div>
      {rules.map((rule, i) => (
        <RuleCard
          key={rule.key}
          index={i}
          count={rules.length}
          rule={rule}
          onChange={(r) => update(i, r)}
          onMove={(to) => onChange(move(rules, i, to))}
          onDuplicate={() =>
            onChange([...rules.slice(0, i + 1), { ...structuredClone(rule), key: newKey() }, ...rules.slice(i + 1)])
          }
          onRemove={() => onChange(rules.filter((_, j) => j !== i))}
        />
      ))}
      <button type="button" onClick={() => onChange([...rules, emptyRule()])}>
        Add rule
      </button>
    </section>
  );
}

interface CardProps {
  index: number;
  count: number;
  rule: RuleDraft;
  onChange: (rule: RuleDraft) => void;
  onMove: (to: number) => void;
  onDuplicate: () => void;
  onRemove: () => void;
}

function RuleCard({ index, count, rule, onChange, onMove, onDuplicate, onRemove }: CardProps) {
  const p = `rules[${index}]`;
  const set = (patch: Partial<RuleDraft>) => onChange({ ...rule, ...patch });
  const title = rule.name.trim() || `Rule ${index + 1}`;
  return (
    <fieldset className="card" id={p} tabIndex={-1}>
      <legend>{title}</legend>
      <div className="toolbar" role="group" aria-label={`${title} actions`}>
        <button type="button" onClick={() => onMove(index - 1)} disabled={index === 0} aria-label={`Move ${title} up`}>
          ↑ Up
        </button>
        <button
          type="button"
          onClick={() => onMove(index + 1)}
          disabled={index === count - 1}
          aria-label={`Move ${title} down`}
        >
          ↓ Down
        </button>
        <button type="button" onClick={onDuplicate} aria-label={`Duplicate ${title}`}>
          Duplicate
        </button>
        <button type="button" className="danger" onClick={onRemove} aria-label={`Remove ${title}`}>
          Remove
        </button>
      </div>
      <GroupProblems id={p} />
      <KeptFields at={p} kept={rule.kept} modelled={CONTRACT_FIELDS.rule} onChange={(kept) => set({ kept })} />
      <div className="grid two">
        <TextField id={`${p}.name`} label="Rule name" value={rule.name} max={256} onChange={(name) => set({ name })} />
        <TextField
          id={`${p}.displayNamePattern`}
          label="Display-name pattern"
          value={rule.displayNamePattern}
          max={256}
          placeholder="CORP-{serial}"
          help="Winroll's reading (the page does not say): the name given to devices this rule matches."
          onChange={(displayNamePattern) => set({ displayNamePattern })}
        />
      </div>
      <ValuesEditor
        id={`${p}.tags`}
        label="Tags"
        valueName="tag"
        values={rule.tags}
        help="Winroll's reading (the page does not say): tags given to matched devices."
        onChange={(tags) => set({ tags })}
      />
      <div className="grid two">
        <TextField
          id={`${p}.winPolicyId`}
          label="Policy id (winPolicyId)"
          value={rule.winPolicyId}
          placeholder="24 hexadecimal characters"
          help="One Windows policy. The page asks for at least one rule with a policy id, its own or an assignment's."
          onChange={(winPolicyId) => set({ winPolicyId })}
        />
        <TextField
          id={`${p}.segmentId`}
          label="Segment id"
          numeric
          value={rule.segmentId}
          help="An integer ≥ 0."
          onChange={(segmentId) => set({ segmentId })}
        />
      </div>
      <div className="subsection">
        <Disclosure
          stateKey={ruleSection(rule, "winPolicyAssignments")}
          id={`${p}.winPolicyAssignments`}
          title="Policy assignments"
          summary={howMany(rule.assignments.length, "assignment")}
          level={3}
        >
          <div id={`${p}.winPolicyAssignments`} tabIndex={-1}>
            <p className="help">Several policies, each with a priority from 0 to 10000.</p>
            <GroupProblems id={`${p}.winPolicyAssignments`} />
            {rule.assignments.map((a, k) => {
              const ap = `${p}.winPolicyAssignments[${k}]`;
              const setA = (patch: Partial<typeof a>) =>
                set({ assignments: rule.assignments.map((x, j) => (j === k ? { ...x, ...patch } : x)) });
              return (
                <div className="row" key={k} id={ap} tabIndex={-1}>
                  <TextField
                    id={`${ap}.winPolicyId`}
                    label={`Assignment ${k + 1} policy id`}
                    value={a.winPolicyId}
                    onChange={(winPolicyId) => setA({ winPolicyId })}
                  />
                  <TextField
                    id={`${ap}.priority`}
                    label="Priority"
                    numeric
                    required
                    value={a.priority}
                    onChange={(priority) => setA({ priority })}
                  />
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Remove assignment ${k + 1}`}
                    onClick={() => set({ assignments: rule.assignments.filter((_, j) => j !== k) })}
                  >
                    Remove
                  </button>
                  <GroupProblems id={ap} />
                  <KeptFields
                    at={ap}
                    kept={a.kept}
                    modelled={CONTRACT_FIELDS.assignment}
                    onChange={(kept) => setA({ kept })}
                  />
                </div>
              );
            })}
            <button
              type="button"
              className="add-assignment"
              onClick={() => set({ assignments: [...rule.assignments, emptyAssignment()] })}
            >
              Add policy assignment
            </button>
          </div>
        </Disclosure>
      </div>
      <div className="subsection">
        <Disclosure
          stateKey={ruleSection(rule, "conditions")}
          id={`${p}.conditions`}
          title="Conditions"
          summary={howMany(rule.conditions.length, "condition")}
          level={3}
        >
          <div id={`${p}.conditions`} tabIndex={-1}>
            <p className="help">
              When the rule applies: tag groups, auxiliary-field matches, name patterns, device identifiers.
            </p>
            <GroupProblems id={`${p}.conditions`} />
            {rule.conditions.map((c, j) => {
              const cp = `${p}.conditions[${j}]`;
              const setC = (patch: Partial<typeof c>) =>
                set({ conditions: rule.conditions.map((x, k) => (k === j ? { ...x, ...patch } : x)) });
              return (
                <div className="card inner" key={j} id={cp} tabIndex={-1}>
                  <GroupProblems id={cp} />
                  <KeptFields
                    at={cp}
                    kept={c.kept}
                    modelled={CONTRACT_FIELDS.condition}
                    onChange={(kept) => setC({ kept })}
                  />
                  <div className="grid two">
                    <GroupsEditor
                      id={`${cp}.tags`}
                      label={`Condition ${j + 1}: tag groups`}
                      valueName="tag"
                      help="Winroll's reading (the page does not say): a device matches a group when it has every tag in it."
                      groups={c.tags}
                      onChange={(tags) => setC({ tags })}
                    />
                    <GroupsEditor
                      id={`${cp}.auxiliaryFields`}
                      label={`Condition ${j + 1}: auxiliary-field matches`}
                      valueName="value"
                      help="Winroll's reading (the page does not say): each group is a field key, then the value it must have."
                      groups={c.auxiliaryFields}
                      onChange={(auxiliaryFields) => setC({ auxiliaryFields })}
                    />
                    <ValuesEditor
                      id={`${cp}.patterns`}
                      label={`Condition ${j + 1}: patterns`}
                      valueName="pattern"
                      values={c.patterns}
                      onChange={(patterns) => setC({ patterns })}
                    />
                    <ValuesEditor
                      id={`${cp}.identifiers`}
                      label={`Condition ${j + 1}: identifiers`}
                      valueName="identifier"
                      values={c.identifiers}
                      onChange={(identifiers) => setC({ identifiers })}
                    />
                  </div>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => set({ conditions: rule.conditions.filter((_, k) => k !== j) })}
                  >
                    Remove condition {j + 1}
                  </button>
                </div>
              );
            })}
            <button type="button" onClick={() => set({ conditions: [...rule.conditions, emptyCondition()] })}>
              Add condition
            </button>
          </div>
        </Disclosure>
      </div>
    </fieldset>
  );
}
