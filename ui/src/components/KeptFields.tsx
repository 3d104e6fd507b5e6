// What the editor has no control for, kept as the server (or the file) has it and sent back as it
// came: fields Winroll does not model, and values a control cannot hold as they are. Each is
// shown read-only, with what the validator says of it, and can be removed.
import type { Json } from "../draft";
import { GroupProblems } from "./fields";

interface Props {
  /** The JSON path of the object that holds them (`rules[0]`, or "" for the template). */
  at: string;
  kept: Json | undefined;
  /** The object's fields that have a control of their own (their problems show there). */
  modelled: readonly string[];
  onChange: (kept: Json | undefined) => void;
}

const MAX_SHOWN = 120;

/** A value as it is kept: its JSON, long ones cut. */
const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
};

export function KeptFields({ at, kept, modelled, onChange }: Props) {
  const entries = Object.entries(kept ?? {});
  if (entries.length === 0) return null;
  const path = (key: string) => (at ? `${at}.${key}` : key);
  const remove = (key: string) => {
    const rest = { ...kept };
    delete rest[key];
    onChange(Object.keys(rest).length ? rest : undefined);
  };
  return (
    <div className="kept" id={`${at || "template"}--kept`}>
      <p className="kept-heading">Kept as the server has it (sent back unchanged):</p>
      <ul>
        {entries.map(([key, value]) => {
          const own = !modelled.includes(key);
          return (
            <li key={key} id={own ? path(key) : undefined} tabIndex={own ? -1 : undefined}>
              <code>{key}</code>: <code className="wrap">{shown(value)}</code>{" "}
              <button type="button" className="link" onClick={() => remove(key)} aria-label={`Remove ${path(key)}`}>
                Remove
              </button>
              {own && <GroupProblems id={path(key)} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
