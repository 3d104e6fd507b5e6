// Auxiliary fields: custom questions shown during enrollment (a choice or free text).
import { CONTRACT_FIELDS } from "../bindings/contract";
import { emptyAux, type AuxDraft } from "../draft";
import { Disclosure, howMany } from "./Disclosure";
import { GroupProblems, TextField, useProblems } from "./fields";
import { KeptFields } from "./KeptFields";
import { ValuesEditor } from "./ValuesEditor";

interface Props {
  fields: AuxDraft[];
  onChange: (fields: AuxDraft[]) => void;
}

export function AuxiliaryFieldsEditor({ fields, onChange }: Props) {
  return (
    <section aria-labelledby="auxiliaryFields--heading" className="section">
      <Disclosure
        stateKey="auxiliaryFields"
        id="auxiliaryFields"
        title="Auxiliary fields"
        summary={howMany(fields.length, "field")}
        level={2}
      >
        <p className="help">Custom data collected during enrollment; rules can match on it. Keys must be unique.</p>
        <div id="auxiliaryFields" tabIndex={-1}>
          <GroupProblems id="auxiliaryFields" />
        </div>
        {fields.map((field, i) => (
          <AuxCard
            key={field.key}
            index={i}
            field={field}
            onChange={(f) => onChange(fields.map((x, j) => (j === i ? f : x)))}
            onRemove={() => onChange(fields.filter((_, j) => j !== i))}
          />
        ))}
        <button type="button" onClick={() => onChange([...fields, emptyAux()])}>
          Add auxiliary field
        </button>
      </Disclosure>
    </section>
  );
}

function AuxCard({
  index,
  field,
  onChange,
  onRemove,
}: {
  index: number;
  field: AuxDraft;
  onChange: (f: AuxDraft) => void;
  onRemove: () => void;
}) {
  const p = `auxiliaryFields[${index}]`;
  const set = (patch: Partial<AuxDraft>) => onChange({ ...field, ...patch });
  const typeProblems = useProblems(`${p}.type`);
  const title = field.fieldKey.trim() || `Field ${index + 1}`;
  const unknownType = !["select", "text", ""].includes(field.type);
  // Options belong to select fields; a text field's options are shown (and sent) while it has
  // any, never hidden and sent behind the user's back.
  const showOptions = field.type !== "text" || field.options.length > 0;
  return (
    <fieldset className="card" id={p} tabIndex={-1}>
      <legend>{title}</legend>
      <GroupProblems id={p} />
      <KeptFields
        at={p}
        kept={field.kept}
        modelled={CONTRACT_FIELDS.auxiliaryField}
        onChange={(kept) => set({ kept })}
      />
      <div className="grid two">
        <div className={`field${typeProblems.length ? " has-problems" : ""}`}>
          <label htmlFor={`${p}.type`}>Type</label>
          <select id={`${p}.type`} value={field.type} onChange={(e) => set({ type: e.currentTarget.value })}>
            <option value="select">select: a choice among options</option>
            <option value="text">text: free text</option>
            <option value="">(not set)</option>
            {unknownType && <option value={field.type}>{field.type}: not a type the page lists (sent as given)</option>}
          </select>
          <GroupProblems id={`${p}.type`} />
        </div>
        <TextField
          id={`${p}.key`}
          label="Key"
          required
          max={128}
          value={field.fieldKey}
          onChange={(fieldKey) => set({ fieldKey })}
        />
        <TextField id={`${p}.title`} label="Title" max={128} value={field.title} onChange={(t) => set({ title: t })} />
        <TextField
          id={`${p}.description`}
          label="Description"
          max={256}
          value={field.description}
          onChange={(description) => set({ description })}
        />
      </div>
      {showOptions && (
        <ValuesEditor
          id={`${p}.options`}
          label={`${title}: options`}
          valueName="option"
          values={field.options}
          help={
            field.type === "text"
              ? "A text field does not use options; these are sent as they are until you remove them."
              : "Winroll's reading (the page does not say): the choices a select offers."
          }
          onChange={(options) => set({ options })}
        />
      )}
      <button type="button" className="danger" onClick={onRemove} aria-label={`Remove ${title}`}>
        Remove
      </button>
    </fieldset>
  );
}
