// A section whose controls are mounted only while it is open, so the first screen renders what
// it needs and no more (start-up time and the web process's memory). Closed, it still says what
// it holds and how many problems wait inside; what was typed lives in the draft, not in the
// controls, so closing loses nothing.
import { createContext, useContext, type ReactNode } from "react";

export interface Disclosures {
  isOpen: (key: string) => boolean;
  setOpen: (key: string, open: boolean) => void;
  /** How many of the validator's problems are shown inside the section. */
  problems: (key: string) => number;
}

/** Without a provider every section is open (component tests, screens that never collapse). */
export const DisclosureContext = createContext<Disclosures>({
  isOpen: () => true,
  setOpen: () => undefined,
  problems: () => 0,
});

/** A closed section's count: "none", "1 field", "3 fields". */
export const howMany = (n: number, what: string) => (n === 0 ? "none" : n === 1 ? `1 ${what}` : `${n} ${what}s`);

interface Props {
  /** Whose open state this is (`draft.ts` sectionOf gives a problem's). */
  stateKey: string;
  /** The JSON path the section edits: the toggle's id is `${id}--toggle`. */
  id: string;
  title: string;
  /** What a closed section holds ("2 fields"). */
  summary?: string;
  level: 2 | 3;
  children: ReactNode;
}

export function Disclosure({ stateKey, id, title, summary, level, children }: Props) {
  const { isOpen, setOpen, problems } = useContext(DisclosureContext);
  const open = isOpen(stateKey);
  const count = problems(stateKey);
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <>
      <Heading className="disclosure-heading" id={`${id}--heading`}>
        <button
          type="button"
          className="disclosure"
          id={`${id}--toggle`}
          aria-expanded={open}
          aria-controls={open ? `${id}--body` : undefined}
          onClick={() => setOpen(stateKey, !open)}
        >
          <span className="disclosure-title">{title}</span>
          {summary && <span className="disclosure-summary">{summary}</span>}
          {count > 0 && (
            <span className="disclosure-problems">
              {count} {count === 1 ? "problem" : "problems"}
            </span>
          )}
        </button>
      </Heading>
      {open && <div id={`${id}--body`}>{children}</div>}
    </>
  );
}
