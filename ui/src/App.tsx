// The window: where to send, the editor with live validation, create, and the result.
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { api, asInfo } from "./api";
import type { CreateOutcome } from "./bindings/CreateOutcome";
import type { CreatedTemplate } from "./bindings/CreatedTemplate";
import type { Draft } from "./bindings/Draft";
import type { ErrorInfo } from "./bindings/ErrorInfo";
import type { ProfileList } from "./bindings/ProfileList";
import type { ProfileView } from "./bindings/ProfileView";
import type { SandboxInfo } from "./bindings/SandboxInfo";
import type { Target } from "./bindings/Target";
import type { ValidationReport } from "./bindings/ValidationReport";
import { DisclosureContext, type Disclosures } from "./components/Disclosure";
import { Editor } from "./components/Editor";
import { FileActions } from "./components/FileActions";
import { ErrorBanner } from "./components/ErrorBanner";
import { ProblemsContext } from "./components/fields";
import { ProblemSummary } from "./components/ProblemSummary";
import {
  allSections,
  cloneOf,
  controlFor,
  controlIds,
  emptyDraft,
  fromJson,
  isPristine,
  restoreDraft,
  sectionOf,
  toTemplateJson,
  type TemplateDraft,
} from "./draft";
import { askFirstAnswers, type FirstAnswers } from "./firstAnswers";
import { markStartup, startupTimeline } from "./startup";
import { createBlockedBecause, targetKey, targetFromKey } from "./workflow";

/** A template opened from the Templates view or History to be changed in place. */
interface Editing {
  target: Target;
  id: string;
  name: string;
  /** As the list returned it: the fields Winroll does not know go back with the update. */
  original: CreatedTemplate;
}

// The screens a first start does not show are loaded when first opened (start-up: the first
// screen's script is what the window evaluates before it can render).
const TemplatesScreen = lazy(() =>
  import("./components/TemplatesScreen").then((m) => ({ default: m.TemplatesScreen })),
);
const HistoryScreen = lazy(() => import("./components/HistoryScreen").then((m) => ({ default: m.HistoryScreen })));
const ProfilesScreen = lazy(() => import("./components/ProfilesScreen").then((m) => ({ default: m.ProfilesScreen })));
const LinksScreen = lazy(() => import("./components/LinksScreen").then((m) => ({ default: m.LinksScreen })));
const ResultCard = lazy(() => import("./components/ResultCard").then((m) => ({ default: m.ResultCard })));

const VALIDATE_DELAY_MS = 120;
const DRAFT_DELAY_MS = 400;

/** A draft saved before a crash or a kill, when it holds anything to restore. */
function draftToOffer(saved: Draft | null): Draft | null {
  return saved && !isPristine(restoreDraft(saved.form)) ? saved : null;
}

/** Where a start sends: the first profile, else the sandbox's first organization. */
function firstTarget(profiles: ProfileView[], sandbox: SandboxInfo | null): Target | null {
  if (profiles.length > 0) return { kind: "profile", name: profiles[0].name };
  return sandbox ? { kind: "sandbox", organizationId: sandbox.organizations[0].id } : null;
}

/** `first`: the backend's first answers, asked for before the first render (main.tsx); asked at
 * mount when not given. */
export function App({ first }: { first?: FirstAnswers }) {
  const [early] = useState(() => first ?? askFirstAnswers());
  const [draft, setDraft] = useState<TemplateDraft>(emptyDraft);
  // The first state is whatever of the first answers has already come (main.tsx waits for them),
  // so the first screen renders once, complete; the effects below apply the rest when it comes.
  const firstSandbox = early.sandbox.came?.value ?? null;
  const firstProfiles = early.profiles.came?.value;
  const [report, setReport] = useState<ValidationReport | null>(early.report.came?.value ?? null);
  // Which draft the report (or the validator's failure) is about: while it is not the one on
  // screen, a check is pending and the form says so (aria-busy), for assistive technology and
  // for the end-to-end tests, which wait for it before clicking what a late answer may move.
  const [checkedDraft, setCheckedDraft] = useState<TemplateDraft | null>(early.report.came ? draft : null);
  const [sandbox, setSandbox] = useState<SandboxInfo | null>(firstSandbox);
  const [profiles, setProfiles] = useState<ProfileView[]>(firstProfiles?.profiles ?? []);
  const [target, setTarget] = useState<Target | null>(() =>
    firstSandbox && firstProfiles ? firstTarget(firstProfiles.profiles, firstSandbox) : null,
  );
  const [screen, setScreen] = useState<"editor" | "profiles" | "templates" | "history" | "links">("editor");
  const [editing, setEditing] = useState<Editing | null>(null);
  const [linksFor, setLinksFor] = useState<{ target: Target; name: string; back: typeof screen } | null>(null);
  const [outcomeVerb, setOutcomeVerb] = useState<"Created" | "Updated">("Created");
  const [restorable, setRestorable] = useState<Draft | null>(() =>
    early.draft.came ? draftToOffer(early.draft.came.value) : null,
  );
  // Autosave starts once any earlier draft has been restored or discarded, so it is never lost.
  const [autosave, setAutosave] = useState(() => early.draft.came !== undefined && restorable === null);
  const created = useRef<TemplateDraft | null>(null);
  const [creating, setCreating] = useState(false);
  const [outcome, setOutcome] = useState<CreateOutcome | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(firstProfiles?.keyringProblem ?? null);
  const [check, setCheck] = useState<{ checking: boolean; result: string | null }>({ checking: false, result: null });
  const [secretStored, setSecretStored] = useState<boolean | null>(null);
  const firstCheck = useRef(true);

  const showProfiles = useCallback(async (answer: Promise<ProfileList>, select?: string) => {
    try {
      const { profiles: list, keyringProblem } = await answer;
      setProfiles(list);
      if (keyringProblem) setError(keyringProblem);
      if (select) setTarget({ kind: "profile", name: select });
      return list;
    } catch (e) {
      setError(asInfo(e));
      return [];
    }
  }, []);
  const loadProfiles = useCallback((select?: string) => showProfiles(api.listProfiles(), select), [showProfiles]);

  // "commit": the first screen is in the DOM; "rendered": the effects' task after it
  // (effectTiming.ts), before or after WebKit's first paint.
  useLayoutEffect(() => markStartup("commit"), []);
  useEffect(() => markStartup("rendered"), []);

  // First start: the sandbox is always there, so a new user can try everything without an account.
  // Answers that had come before the first render are that render's state already.
  useEffect(() => {
    if (early.sandbox.came && early.profiles.came) return;
    void (async () => {
      const [info, list] = await Promise.all([
        early.sandbox.promise.catch((e: unknown) => (setError(asInfo(e)), null)),
        showProfiles(early.profiles.promise),
      ]);
      setSandbox(info);
      setTarget((current) => current ?? firstTarget(list, info));
    })();
  }, [early, showProfiles]);

  // After a crash or a kill: offer what was being typed.
  useEffect(() => {
    if (early.draft.came) return;
    early.draft.promise.then(
      (saved) => {
        const offer = draftToOffer(saved);
        if (offer) setRestorable(offer);
        else setAutosave(true);
      },
      () => setAutosave(true),
    );
  }, [early]);

  // Save the form as it is typed (never a secret: the form holds none, and the backend scrubs).
  useEffect(() => {
    if (!autosave || draft === created.current) return;
    const timer = setTimeout(() => {
      // A create may have finished (and cleared the draft) while this save was waiting.
      if (draft === created.current) return;
      void (isPristine(draft) ? api.clearDraft() : api.saveDraft(draft)).catch(() => undefined);
    }, DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, autosave]);

  const decideRestore = (restore: boolean) => {
    if (restore && restorable) setDraft(restoreDraft(restorable.form));
    if (!restore) void api.clearDraft().catch(() => undefined);
    setRestorable(null);
    setAutosave(true);
  };

  const startOver = (next: TemplateDraft) => {
    setDraft(next);
    setEditing(null);
    setOutcome(null);
    setError(null);
    setScreen("editor");
  };

  // Opens a listed template as itself: Save changes it in place (same id, same token).
  const startEditing = (template: CreatedTemplate, where: Target) => {
    if (!template.id) return;
    setDraft(fromJson(template));
    setEditing({ target: where, id: template.id, name: template.name ?? "", original: template });
    setOutcome(null);
    setError(null);
    setScreen("editor");
  };

  // From History: the entry names its target and id; the template itself comes from the list.
  const editFromHistory = async (where: Target, name: string, id: string) => {
    setError(null);
    try {
      const found = await api.findTemplate({ target: where, name });
      if (found && found.template.id === id) {
        setTarget(where);
        startEditing(found.template, where);
      } else {
        setScreen("editor");
        setError({
          code: "api.not_found",
          message: `The organization has no template named “${name}” with id ${id} any more: it was renamed or removed.`,
          hint: "Open it from the Templates view.",
          uncertain: false,
        });
      }
    } catch (e) {
      setScreen("editor");
      setError(asInfo(e));
    }
  };

  const showLinks = (where: Target, name: string) => {
    setLinksFor({ target: where, name, back: screen });
    setScreen("links");
  };

  // Interactive means: a target chosen and the first validation shown, so Create can say why it
  // is disabled. Test and benchmark builds tell the backend (the start-up benchmark waits for it).
  const readySent = useRef(false);
  useEffect(() => {
    if (readySent.current || !target || !report) return;
    readySent.current = true;
    if (import.meta.env.VITE_WINROLL_TEST_HOOKS === "1") void api.editorReady(startupTimeline()).catch(() => undefined);
  }, [target, report]);

  // Validate as the user types, through the one validator in Rust. Late answers are dropped.
  // The first check, of the empty form the editor opens with, was asked for before the first
  // render; later ones wait for a pause in typing.
  useEffect(() => {
    let live = true;
    const first = firstCheck.current;
    firstCheck.current = false;
    if (first && early.report.came) return;
    const check = () =>
      (first ? early.report.promise : api.validateTemplate(toTemplateJson(draft)))
        .then(
          (r) => live && setReport(r),
          (e: unknown) => live && setError(asInfo(e)),
        )
        .finally(() => live && setCheckedDraft(draft));
    const timer = first ? undefined : setTimeout(check, VALIDATE_DELAY_MS);
    if (first) void check();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft, early]);

  const ids = useMemo(() => controlIds(draft), [draft]);
  const locate = useCallback((path: string) => controlFor(path, (id) => ids.has(id)), [ids]);
  const problemsByControl = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const p of report?.errors ?? []) {
      const id = locate(p.path);
      const prefix = id === p.path ? "" : `${p.path.slice(id.length).replace(/^\./, "")}: `;
      map.set(id, [...(map.get(id) ?? []), prefix + p.message]);
    }
    return map;
  }, [report, locate]);

  // Sections open as the user opens them; closed ones are not rendered (start-up), and still
  // count their problems on their headings.
  const [openSections, setOpenSections] = useState<ReadonlySet<string>>(new Set());
  const disclosures = useMemo<Disclosures>(() => {
    const problems = new Map<string, number>();
    for (const p of report?.errors ?? []) {
      const section = sectionOf(p.path, draft);
      if (section) problems.set(section, (problems.get(section) ?? 0) + 1);
    }
    return {
      isOpen: (key) => openSections.has(key),
      setOpen: (key, open) =>
        setOpenSections((current) => {
          const next = new Set(current);
          if (open) next.add(key);
          else next.delete(key);
          return next;
        }),
      problems: (key) => problems.get(key) ?? 0,
    };
  }, [openSections, report, draft]);
  const sections = allSections(draft);
  const allOpen = sections.every((key) => openSections.has(key));

  // From the problem list: open the section that holds the control (synchronously, so the control
  // exists), then bring it into view and focus it.
  const jump = (path: string) => {
    const section = sectionOf(path, draft);
    if (section && !openSections.has(section)) flushSync(() => disclosures.setOpen(section, true));
    const element = document.getElementById(locate(path));
    element?.scrollIntoView({ block: "center" });
    element?.focus();
  };

  const blocked =
    editing && target && targetKey(target) !== targetKey(editing.target)
      ? `“${editing.name}” is in another organization: switch back to it to save, or stop editing.`
      : createBlockedBecause({ target, report, creating, entraEnabled: draft.entraEnabled, secretStored });

  // Create, or (editing) save over the template in place. Either way the form stays exactly as
  // typed when it fails: nothing typed is lost. A lost create answer was already looked up by name
  // in the backend; a lost update says that sending it again is safe.
  const create = async () => {
    if (blocked || !target) return;
    setCreating(true);
    setError(null);
    setCheck({ checking: false, result: null });
    try {
      const template = toTemplateJson(draft);
      if (editing) {
        const updated = await api.updateTemplate({
          target: editing.target,
          id: editing.id,
          template,
          original: editing.original,
        });
        setEditing({ ...editing, name: updated.template.name ?? editing.name, original: updated.template });
        setOutcomeVerb("Updated");
        setOutcome(updated);
      } else {
        setOutcomeVerb("Created");
        setOutcome(await api.createTemplate(target, template));
      }
      // Done: the draft has done its job. A failure keeps it.
      created.current = draft;
      void api.clearDraft().catch(() => undefined);
    } catch (e) {
      setError(asInfo(e));
    } finally {
      setCreating(false);
    }
  };

  async function checkCreated() {
    if (!target) return;
    setCheck({ checking: true, result: null });
    try {
      const found = await api.findTemplate({ target, name: draft.name });
      if (found) {
        setOutcome(found);
        setError(null);
        setCheck({ checking: false, result: null });
      } else {
        setCheck({ checking: false, result: "It was not created. It is safe to create it again." });
      }
    } catch (e) {
      setCheck({ checking: false, result: `Could not check: ${asInfo(e).message}` });
    }
  }

  const onSecretKnown = useCallback((stored: boolean | null) => setSecretStored(stored), []);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Winroll</h1>
        <label htmlFor="target" className="target-label">
          Create in
        </label>
        <select
          id="target"
          value={target ? targetKey(target) : ""}
          onChange={(e) => setTarget(targetFromKey(e.currentTarget.value))}
        >
          {!target && <option value="">Starting…</option>}
          {sandbox && (
            <optgroup label="Built-in sandbox (no account needed)">
              {sandbox.organizations.map((o) => (
                <option key={o.id} value={targetKey({ kind: "sandbox", organizationId: o.id })}>
                  Sandbox: {o.label}
                </option>
              ))}
            </optgroup>
          )}
          {profiles.length > 0 && (
            <optgroup label="Profiles">
              {profiles.map((p) => (
                <option key={p.name} value={targetKey({ kind: "profile", name: p.name })}>
                  {p.name} ({p.organizationId})
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <nav className="screens" aria-label="Screens">
          <button
            type="button"
            onClick={() => setScreen(screen === "templates" ? "editor" : "templates")}
            aria-pressed={screen === "templates"}
            id="templates-button"
            disabled={!target}
          >
            Templates
          </button>
          <button
            type="button"
            onClick={() => setScreen(screen === "history" ? "editor" : "history")}
            aria-pressed={screen === "history"}
            id="history-button"
          >
            History
          </button>
          <button
            type="button"
            onClick={() => setScreen(screen === "profiles" ? "editor" : "profiles")}
            aria-pressed={screen === "profiles"}
            id="profiles-button"
          >
            Profiles
          </button>
        </nav>
      </header>

      {target?.kind === "sandbox" && sandbox && (
        <p className="banner" id="sandbox-banner">
          You are on the built-in sandbox at <code id="sandbox-url">{sandbox.baseUrl}</code>: try the whole flow without
          an account. Nothing leaves this computer. Add a profile for your real organization when you are ready.
        </p>
      )}

      {restorable && (
        <div className="banner restore" role="alert" id="restore-banner">
          <p>
            Winroll closed while you were editing “{fromJson(restorable.form).name || "an untitled template"}” (saved{" "}
            {restorable.savedAt}).
          </p>
          <button type="button" id="restore-draft" onClick={() => decideRestore(true)}>
            Restore it
          </button>{" "}
          <button type="button" id="discard-draft" className="danger" onClick={() => decideRestore(false)}>
            Discard it
          </button>
        </div>
      )}

      <Suspense
        fallback={
          <p className="loading" role="status">
            Loading…
          </p>
        }
      >
        {screen === "templates" && target ? (
          <TemplatesScreen
            target={target}
            onClone={(t) => startOver(cloneOf(t))}
            onEdit={(t) => startEditing(t, target)}
            onLinks={(t) => t.name && showLinks(target, t.name)}
            onClose={() => setScreen("editor")}
          />
        ) : screen === "links" && linksFor ? (
          <LinksScreen target={linksFor.target} templateName={linksFor.name} onClose={() => setScreen(linksFor.back)} />
        ) : screen === "history" ? (
          <HistoryScreen
            onEdit={(where, name, id) => void editFromHistory(where, name, id)}
            onLinks={showLinks}
            onClose={() => setScreen("editor")}
          />
        ) : screen === "profiles" ? (
          <ProfilesScreen
            profiles={profiles}
            onChanged={(name) => void loadProfiles(name)}
            onClose={() => setScreen("editor")}
          />
        ) : outcome ? (
          <ResultCard
            outcome={outcome}
            verb={outcomeVerb}
            onLinks={() =>
              target && outcome.template.name && showLinks(editing?.target ?? target, outcome.template.name)
            }
            onClose={() => setOutcome(null)}
          />
        ) : (
          <ProblemsContext.Provider value={problemsByControl}>
            <form
              className="layout"
              id="template-form"
              aria-busy={checkedDraft !== draft}
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void create();
              }}
            >
              <main>
                {error && (
                  <ErrorBanner
                    error={error}
                    canCheck={!editing}
                    checking={check.checking}
                    checkResult={check.result}
                    onCheck={checkCreated}
                    onProfiles={() => setScreen("profiles")}
                    onDismiss={() => setError(null)}
                  />
                )}
                {editing && (
                  <div className="banner editing" id="editing-banner" role="status">
                    <p>
                      Editing “{editing.name}” (<code>{editing.id}</code>). Saving changes this template in place: same
                      id, same enrollment token. It affects future enrollments only; devices already enrolled keep their
                      settings.
                    </p>
                    <button type="button" id="stop-editing" onClick={() => setEditing(null)}>
                      Stop editing (create a new template from this form instead)
                    </button>
                  </div>
                )}
                <div className="editor-tools">
                  <button
                    type="button"
                    id="expand-all"
                    onClick={() => setOpenSections(allOpen ? new Set() : new Set(sections))}
                  >
                    {allOpen ? "Collapse all sections" : "Expand all sections"}
                  </button>
                </div>
                <DisclosureContext.Provider value={disclosures}>
                  <Editor draft={draft} onChange={setDraft} onSecretKnown={onSecretKnown} />
                </DisclosureContext.Provider>
              </main>
              <aside>
                <div className="create-box">
                  <button
                    type="submit"
                    id="create-button"
                    disabled={blocked !== null}
                    aria-describedby="create-reason"
                    aria-busy={creating}
                  >
                    {editing ? (creating ? "Saving…" : "Save changes") : creating ? "Creating…" : "Create template"}
                  </button>
                  {creating && <progress aria-label={editing ? "Saving the template" : "Creating the template"} />}
                  <p id="create-reason" className="help" aria-live="polite">
                    {blocked ?? (editing ? "Ready: press Enter or click Save." : "Ready: press Enter or click Create.")}
                  </p>
                </div>
                <FileActions
                  target={target}
                  templateJson={() => toTemplateJson(draft)}
                  canScript={report?.valid === true && target !== null}
                  onNew={() => startOver(emptyDraft())}
                  onImported={(result) => startOver(fromJson(result.template))}
                />
                <ProblemSummary problems={report?.errors ?? []} jump={jump} />
              </aside>
            </form>
          </ProblemsContext.Provider>
        )}
      </Suspense>
    </div>
  );
}
