// Validation as the user types, through the one validator in Rust. The first check, of the empty
// form the editor opens with, was asked for before the first render; later ones wait for a pause
// in typing. A late answer never replaces a newer one.
import { useEffect, useRef, useState } from "react";
import { asInfo, backend } from "../backend";
import type { ErrorInfo } from "../bindings/ErrorInfo";
import type { ValidationReport } from "../bindings/ValidationReport";
import { toTemplateJson, type TemplateDraft } from "../draft";
import type { FirstAnswers } from "../firstAnswers";

export const VALIDATE_DELAY_MS = 120;

export function useLiveValidation(draft: TemplateDraft, early: FirstAnswers) {
  const [report, setReport] = useState<ValidationReport | null>(early.report.came?.value ?? null);
  // Which draft the report (or the validator's failure) is about: while it is not the one on
  // screen, a check is pending and the form says so (aria-busy), for assistive technology and
  // for the end-to-end tests, which wait for it before clicking what a late answer may move.
  const [checked, setChecked] = useState<TemplateDraft | null>(early.report.came ? draft : null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const first = useRef(true);

  useEffect(() => {
    let live = true;
    const isFirst = first.current;
    first.current = false;
    if (isFirst && early.report.came) return;
    const check = () =>
      (isFirst ? early.report.promise : backend.validateTemplate({ template: toTemplateJson(draft) }))
        .then(
          (r) => live && setReport(r),
          (e: unknown) => live && setError(asInfo(e)),
        )
        .finally(() => live && setChecked(draft));
    const timer = isFirst ? undefined : setTimeout(check, VALIDATE_DELAY_MS);
    if (isFirst) void check();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft, early]);

  return { report, pending: checked !== draft, error, clearError: () => setError(null) };
}
