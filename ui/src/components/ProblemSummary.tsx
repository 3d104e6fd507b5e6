// Every problem in one list; each entry jumps to its field.
import type { Problem } from "../bindings/Problem";

interface Props {
  problems: Problem[];
  /** Shows the problem's control (opening its section) and focuses it. */
  jump: (path: string) => void;
}

export function ProblemSummary({ problems, jump }: Props) {
  if (problems.length === 0) return null;
  return (
    <nav className="summary" aria-labelledby="summary-heading" id="problem-summary">
      <h2 id="summary-heading">
        {problems.length} {problems.length === 1 ? "problem" : "problems"} to fix before creating
      </h2>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.path}-${i}`}>
            <button type="button" className="link" onClick={() => jump(p.path)}>
              <code>{p.path}</code>: {p.message}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
