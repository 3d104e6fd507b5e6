// A list of values (a rule's tags, a condition's patterns, a select field's options, the login
// providers), each in its own box: a value may hold a comma, a newline or nothing at all, and
// comes back exactly as typed, in its place.
import type { Values } from "../draft";
import { GroupProblems, ValueBox } from "./fields";

interface Props {
  /** The JSON path of the list (`rules[0].tags`): also the ids' prefix. */
  id: string;
  label: string;
  /** What one value is called ("tag", "option"). */
  valueName: string;
  help?: string;
  values: Values;
  onChange: (values: Values) => void;
}

export function ValuesEditor({ id, label, valueName, help, values, onChange }: Props) {
  return (
    <fieldset className="plain values" id={id} tabIndex={-1}>
      <legend>{label}</legend>
      {help && <p className="help">{help}</p>}
      <GroupProblems id={id} />
      <div className="value-list">
        {values.map((value, i) => (
          <ValueBox
            key={i}
            id={`${id}[${i}]`}
            label={`${label}: ${valueName} ${i + 1}`}
            value={value}
            onChange={(next) => onChange(values.map((x, j) => (j === i ? next : x)))}
            onRemove={() => onChange(values.filter((_, j) => j !== i))}
          />
        ))}
        <button type="button" onClick={() => onChange([...values, ""])} aria-label={`Add a ${valueName} to ${label}`}>
          + {valueName}
        </button>
      </div>
    </fieldset>
  );
}
