// Labelled controls that show their own problems (errors, and warnings: allowed by the vendor's
// page, probably a mistake, never blocking), a character counter and the spec's help text.
import { createContext, useContext, useId, type ReactNode } from "react";
import { serverLength } from "../draft";

/** What the Rust validator said, by the id of the control that shows it. */
export interface Findings {
  errors: Map<string, string[]>;
  warnings: Map<string, string[]>;
}

export const ProblemsContext = createContext<Findings>({ errors: new Map(), warnings: new Map() });

/** The errors shown at control `id`. */
export function useProblems(id: string): string[] {
  return useContext(ProblemsContext).errors.get(id) ?? [];
}

/** The warnings shown at control `id`. */
export function useWarnings(id: string): string[] {
  return useContext(ProblemsContext).warnings.get(id) ?? [];
}

/** The ids of a control's problem lists, for its `aria-describedby`. */
export function describedBy(id: string, errors: string[], warnings: string[], ...more: string[]): string | undefined {
  const ids = [...more, errors.length ? `${id}--problems` : "", warnings.length ? `${id}--warnings` : ""];
  return ids.filter(Boolean).join(" ") || undefined;
}

function Problems({ id, problems, warnings }: { id: string; problems: string[]; warnings: string[] }) {
  return (
    <>
      {problems.length > 0 && (
        <div className="field-problems" id={`${id}--problems`} role="alert">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="field-warnings" id={`${id}--warnings`}>
          <ul>
            {warnings.map((w) => (
              <li key={w}>
                <span className="visually-hidden">Warning: </span>
                {w}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
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
  const warnings = useWarnings(id);
  const helpId = useId();
  const length = serverLength(value);
  const common = {
    id,
    value,
    placeholder,
    "aria-invalid": problems.length > 0,
    "aria-describedby": describedBy(id, problems, warnings, help ? helpId : ""),
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
      <Problems id={id} problems={problems} warnings={warnings} />
    </div>
  );
}

/** Problems that belong to a group (a list, a section) rather than one text box. */
export function GroupProblems({ id }: { id: string }) {
  return <Problems id={id} problems={useProblems(id)} warnings={useWarnings(id)} />;
}

/** One value of a list in its own box, with its problems in its title and a × to remove it. */
export function ValueBox(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  onRemove: () => void;
}) {
  const problems = useProblems(props.id);
  const warnings = useWarnings(props.id);
  return (
    <span className={`group-value${problems.length ? " has-problems" : warnings.length ? " has-warnings" : ""}`}>
      <input
        id={props.id}
        aria-label={props.label}
        aria-invalid={problems.length > 0}
        title={[...problems, ...warnings].join("\n") || undefined}
        value={props.value}
        spellcheck={false}
        autoComplete="off"
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
      <button type="button" className="link" onClick={props.onRemove} aria-label={`Remove ${props.label}`}>
        ×
      </button>
    </span>
  );
}
