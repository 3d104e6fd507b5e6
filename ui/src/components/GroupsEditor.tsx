// A list of groups of values (a condition's tag groups, its auxiliary-field matches): each value
// in its own box, so a value may hold a comma or anything else and comes back exactly as typed.
import type { Groups } from "../draft";
import { GroupProblems, ValueBox } from "./fields";

interface Props {
  /** The JSON path of the list (`rules[0].conditions[1].tags`): also the ids' prefix. */
  id: string;
  label: string;
  /** What one value is called ("tag", "key or value"). */
  valueName: string;
  help: string;
  groups: Groups;
  onChange: (groups: Groups) => void;
}

export function GroupsEditor({ id, label, valueName, help, groups, onChange }: Props) {
  const setGroup = (g: number, group: string[]) => onChange(groups.map((x, i) => (i === g ? group : x)));
  return (
    <fieldset className="plain groups" id={id} tabIndex={-1}>
      <legend>{label}</legend>
      <p className="help">{help}</p>
      <GroupProblems id={id} />
      {groups.map((group, g) => (
        <div className="group" key={g} role="group" aria-label={`${label}: group ${g + 1}`}>
          <span className="group-label">Group {g + 1}</span>
          {group.map((value, v) => (
            <ValueBox
              key={v}
              id={`${id}[${g}][${v}]`}
              label={`${label}: group ${g + 1}, ${valueName} ${v + 1}`}
              value={value}
              onChange={(next) =>
                setGroup(
                  g,
                  group.map((x, i) => (i === v ? next : x)),
                )
              }
              onRemove={() =>
                setGroup(
                  g,
                  group.filter((_, i) => i !== v),
                )
              }
            />
          ))}
          <button
            type="button"
            onClick={() => setGroup(g, [...group, ""])}
            aria-label={`Add a ${valueName} to group ${g + 1}`}
          >
            + {valueName}
          </button>{" "}
          <button
            type="button"
            className="danger"
            onClick={() => onChange(groups.filter((_, i) => i !== g))}
            aria-label={`Remove group ${g + 1} of ${label}`}
          >
            Remove group
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...groups, [""]])} aria-label={`Add a group to ${label}`}>
        Add group
      </button>
    </fieldset>
  );
}
