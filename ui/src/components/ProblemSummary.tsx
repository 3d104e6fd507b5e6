// Every problem in one list, then the warnings; each entry jumps to its field.
import type { Problem } from "../bindings/Problem";

interface Props {
  problems: Problem[];
  /** Allowed by the vendor's page, probably a mistake: shown, never blocking. */
  warnings: Problem[];
  /** Shows the problem's control (opening its section) and focuses it. */
  jump: (path: string) => void;
}

export function ProblemSummary({ problems, warnings, jump }: Props) {
  if (problems.length === 0 && warnings.length === 0) return null;
  const entries = (list: Problem[]) => (
    <ul>
      {list.map((p, i) => (
        <li key={`${p.path}-${i}`}>
          <button type="button" className="link" onClick={() => jump(p.path)}>
            <code>{p.path}</code>: {p.message}
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <nav className="summary" aria-label="Problems and warnings" id="problem-summary">
      {problems.length > 0 && (
        <>
          <h2 id="summary-heading">
            {problems.length} {problems.length === 1 ? "problem" : "problems"} to fix before creating
          </h2>
          {entries(problems)}
        </>
      )}
      {warnings.length > 0 && (
        <div id="warning-summary">
          <h2 id="warnings-heading">
            {warnings.length} {warnings.length === 1 ? "warning" : "warnings"} (allowed; sent as given)
          </h2>
          {entries(warnings)}
        </div>
      )}
    </nav>
  );
}
