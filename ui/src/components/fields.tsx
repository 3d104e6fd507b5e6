// Labelled controls that show their own problems, a character counter and the spec's help text.
import { createContext, useContext, useId, type ReactNode } from "react";
import { serverLength } from "../draft";

/** Problems by control id, filled from the Rust validator's report. */
export const ProblemsContext = createContext<Map<string, string[]>>(new Map());

export function useProblems(id: string): string[] {
  return useContext(ProblemsContext).get(id) ?? [];
}

function Problems({ id, problems }: { id: string; problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems" id={`${id}--problems`} role="alert">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

interface TextProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  help?: ReactNode;
  max?: number;
  multiline?: boolean;
  placeholder?: string;
  numeric?: boolean;
  required?: boolean;
  type?: "text" | "password";
  autoComplete?: string;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  help,
  max,
  multiline,
  placeholder,
  numeric,
  required,
  type,
  autoComplete,
}: TextProps) {
  const problems = useProblems(id);
  const helpId = useId();
  const length = serverLength(value);
  const describedBy =
    [help ? helpId : "", problems.length ? `${id}--problems` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    value,
    placeholder,
    "aria-invalid": problems.length > 0,
    "aria-describedby": describedBy,
    "aria-required": required,
    onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value),
  };
  // One line of text; the two input types are separate elements because Preact's typings tell
  // a password input's attributes from a text input's.
  const line = {
    ...common,
    inputMode: numeric ? ("numeric" as const) : undefined,
    autoComplete: autoComplete ?? "off",
    spellcheck: false,
  };
  return (
    <div className={`field${problems.length ? " has-problems" : ""}`}>
      <div className="field-head">
        <label htmlFor={id}>
          {label}
          {required && (
            <span className="required" aria-hidden="true">
              {" "}
              *
            </span>
          )}
        </label>
        {max !== undefined && (
          <span className={`counter${length > max ? " over" : ""}`} aria-live="polite">
            {length}/{max}
          </span>
        )}
      </div>
      {multiline ? (
        <textarea {...common} rows={3} />
      ) : type === "password" ? (
        <input {...line} type="password" />
      ) : (
        <input {...line} type="text" />
      )}
      {help && (
        <p className="help" id={helpId}>
          {help}
        </p>
      )}
      <Problems id={id} problems={problems} />
    </div>
  );
}

/** Problems that belong to a group (a list, a section) rather than one text box. */
export function GroupProblems({ id }: { id: string }) {
  return <Problems id={id} problems={useProblems(id)} />;
}
