// Field-level changes (a save's, a plan's, a comparison's): each path with its value before and
// after, as the backend computed them.
import type { Change } from "../bindings/Change";

/** A value as it reads in a list of changes: JSON, long ones cut, absent as "(none)". */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return "(none)";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

export function ChangeList({ changes, id }: { changes: Change[]; id?: string }) {
  if (changes.length === 0) return <p id={id}>No difference.</p>;
  return (
    <table className="list changes" id={id}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path}>
            <td>
              <code className="wrap">{c.path}</code>
            </td>
            <td>
              <code className="wrap">{shown(c.from)}</code>
            </td>
            <td>
              <code className="wrap">{shown(c.to)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
