// The editor's collapsible sections and where its problems are shown. Sections open as the user
// opens them; closed ones are not rendered (start-up), and still count their problems on their
// headings. Jumping to a problem opens its section first.
import { useCallback, useMemo, useState } from "react";
import { flushSync } from "react-dom";
import type { Problem } from "../bindings/Problem";
import type { ValidationReport } from "../bindings/ValidationReport";
import type { Disclosures } from "../components/Disclosure";
import type { Findings } from "../components/fields";
import { allSections, controlFor, controlIds, sectionOf, type TemplateDraft } from "../draft";

export function useSections(draft: TemplateDraft, report: ValidationReport | null) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const ids = useMemo(() => controlIds(draft), [draft]);
  const locate = useCallback((path: string) => controlFor(path, (id) => ids.has(id)), [ids]);

  /** Each control's errors and warnings, prefixed with the rest of the path when shown at a parent. */
  const problemsByControl = useMemo<Findings>(() => {
    const byControl = (problems: Problem[]) => {
      const map = new Map<string, string[]>();
      for (const p of problems) {
        const id = locate(p.path);
        const prefix = id === p.path ? "" : `${p.path.slice(id.length).replace(/^[.]/, "")}: `;
        map.set(id, [...(map.get(id) ?? []), prefix + p.message]);
      }
      return map;
    };
    return { errors: byControl(report?.errors ?? []), warnings: byControl(report?.warnings ?? []) };
  }, [report, locate]);

  const disclosures = useMemo<Disclosures>(() => {
    const problems = new Map<string, number>();
    for (const p of report?.errors ?? []) {
      const section = sectionOf(p.path, draft);
      if (section) problems.set(section, (problems.get(section) ?? 0) + 1);
    }
    return {
      isOpen: (key) => open.has(key),
      setOpen: (key, isOpen) =>
        setOpen((current) => {
          const next = new Set(current);
          if (isOpen) next.add(key);
          else next.delete(key);
          return next;
        }),
      problems: (key) => problems.get(key) ?? 0,
    };
  }, [open, report, draft]);

  const sections = allSections(draft);
  const allOpen = sections.every((key) => open.has(key));

  /** From the problem list: open the section that holds the control (synchronously, so the
   * control exists), then bring it into view and focus it. */
  const jump = (path: string) => {
    const section = sectionOf(path, draft);
    if (section && !open.has(section)) flushSync(() => disclosures.setOpen(section, true));
    const element = document.getElementById(locate(path));
    element?.scrollIntoView({ block: "center" });
    element?.focus();
  };

  return {
    disclosures,
    problemsByControl,
    allOpen,
    toggleAll: () => setOpen(allOpen ? new Set() : new Set(sections)),
    jump,
  };
}
