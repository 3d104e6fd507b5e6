// The window: the top bar, and one screen at a time: the editor (with live validation, create or
// save, and the result), or Templates, History, Profiles, Links. State lives in small hooks.
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { asInfo, backend } from "./backend";
import type { CreatedTemplate } from "./bindings/CreatedTemplate";
import type { Target } from "./bindings/Target";
import { AppFooter } from "./components/AppFooter";
import { EditorScreen } from "./components/EditorScreen";
import { TopBar, type TopScreen } from "./components/TopBar";
import { cloneOf, emptyDraft, fromJson, toTemplateJson, type TemplateDraft } from "./draft";
import { askFirstAnswers, type FirstAnswers } from "./firstAnswers";
import { useAutosave } from "./hooks/useAutosave";
import { useLiveValidation } from "./hooks/useLiveValidation";
import { useSections } from "./hooks/useSections";
import { useSubmit } from "./hooks/useSubmit";
import { useTargets } from "./hooks/useTargets";
import { markStartup, startupTimeline } from "./startup";
import { createBlockedBecause, targetKey } from "./workflow";

// The screens a first start does not show are loaded when first opened (start-up: the first
// screen's script is what the window evaluates before it can render).
const TemplatesScreen = lazy(() =>
  import("./components/TemplatesScreen").then((m) => ({ default: m.TemplatesScreen })),
);
const HistoryScreen = lazy(() => import("./components/HistoryScreen").then((m) => ({ default: m.HistoryScreen })));
const ProfilesScreen = lazy(() => import("./components/ProfilesScreen").then((m) => ({ default: m.ProfilesScreen })));
const LinksScreen = lazy(() => import("./components/LinksScreen").then((m) => ({ default: m.LinksScreen })));
const FolderScreen = lazy(() => import("./components/FolderScreen").then((m) => ({ default: m.FolderScreen })));
const CompareScreen = lazy(() => import("./components/CompareScreen").then((m) => ({ default: m.CompareScreen })));
const ResultCard = lazy(() => import("./components/ResultCard").then((m) => ({ default: m.ResultCard })));

type Screen = "editor" | TopScreen | "links" | "compare";

/** `first`: the backend's first answers, asked for before the first render (main.tsx); asked at
 * mount when not given. */
export function App({ first }: { first?: FirstAnswers }) {
  const [early] = useState(() => first ?? askFirstAnswers());
  const [draft, setDraft] = useState<TemplateDraft>(emptyDraft);
  const [screen, setScreen] = useState<Screen>("editor");
  const [linksFor, setLinksFor] = useState<{ target: Target; name: string; back: Screen } | null>(null);
  const [comparing, setComparing] = useState<CreatedTemplate | null>(null);
  const [secretStored, setSecretStored] = useState<boolean | null>(null);
  const targets = useTargets(early);
  const validation = useLiveValidation(draft, early);
  const submit = useSubmit();
  const autosave = useAutosave(draft, submit.editing, early);
  const sections = useSections(draft, validation.report);
  const { target } = targets;
  const error = submit.error ?? validation.error ?? targets.problem;

  // "commit": the first screen is in the DOM; "rendered": the effects' task after it
  // (effectTiming.ts), before or after WebKit's first paint.
  useLayoutEffect(() => markStartup("commit"), []);
  useEffect(() => markStartup("rendered"), []);

  // Interactive means: a target chosen and the first validation shown, so Create can say why it
  // is disabled. Test and benchmark builds tell the backend (the start-up benchmark waits for it).
  const readySent = useRef(false);
  useEffect(() => {
    if (readySent.current || !target || !validation.report) return;
    readySent.current = true;
    if (import.meta.env.VITE_WINROLL_TEST_HOOKS === "1")
      void backend.editorReady({ timeline: startupTimeline() }).catch(() => undefined);
  }, [target, validation.report]);

  const startOver = (next: TemplateDraft) => {
    setDraft(next);
    submit.setEditing(null);
    submit.setResult(null);
    submit.setError(null);
    setScreen("editor");
  };

  // Opens a listed template as itself: Save changes it in place (same id, same token).
  const startEditing = (template: CreatedTemplate, where: Target) => {
    if (!template.id) return;
    startOver(fromJson(template.body));
    submit.setEditing({ target: where, id: template.id, name: template.name ?? "", original: template.body });
  };

  const restore = (yes: boolean) => {
    const restored = autosave.decide(yes);
    if (!restored) return;
    setDraft(restored.draft);
    submit.setEditing(restored.editing);
    if (restored.editing) targets.setTarget(restored.editing.target);
  };

  // From History: the entry names its target and id; the template itself comes from the server.
  const editFromHistory = async (where: Target, name: string, id: string) => {
    try {
      const template = await backend.templateForEdit({ target: where, id, name });
      targets.setTarget(where);
      startEditing(template, where);
    } catch (e) {
      setScreen("editor");
      submit.setError(asInfo(e));
    }
  };

  const showLinks = (where: Target, name: string) => {
    setLinksFor({ target: where, name, back: screen });
    setScreen("links");
  };

  const toggle = (next: TopScreen) => setScreen(screen === next ? "editor" : next);
  const back = () => setScreen("editor");
  const onSecretKnown = useCallback((stored: boolean | null) => setSecretStored(stored), []);
  const { editing, result } = submit;
  const blocked =
    editing && target && targetKey(target) !== targetKey(editing.target)
      ? `“${editing.name}” is in another organization: switch back to it to save, or stop editing.`
      : createBlockedBecause({
          target,
          report: validation.report,
          creating: submit.busy,
          entraEnabled: draft.entraEnabled,
          secretStored,
        });

  const restorable = autosave.restorable;
  return (
    <div className="app">
      <TopBar
        target={target}
        sandbox={targets.sandbox}
        profiles={targets.profiles}
        onTarget={targets.setTarget}
        screen={screen}
        onScreen={toggle}
      />
      {/* One main landmark holds whatever screen is open, and the banners about it. */}
      <main id="main">
        {target?.kind === "sandbox" && targets.sandbox && (
          <p className="banner" id="sandbox-banner">
            You are on the built-in sandbox at <code id="sandbox-url">{targets.sandbox.baseUrl}</code>: try the whole
            flow without an account. Nothing leaves this computer. Add a profile for your real organization when you are
            ready.
          </p>
        )}
        {restorable && (
          <div className="banner restore" role="alert" id="restore-banner">
            <p>
              Winroll closed while you were editing “{fromJson(restorable.form).name || "an untitled template"}” (saved{" "}
              {restorable.savedAt}).
            </p>
            <button type="button" id="restore-draft" onClick={() => restore(true)}>
              Restore it
            </button>{" "}
            <button type="button" id="discard-draft" className="danger" onClick={() => restore(false)}>
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
              onCompare={(t) => {
                setComparing(t);
                setScreen("compare");
              }}
              onClose={back}
            />
          ) : screen === "compare" && comparing && target ? (
            <CompareScreen
              target={target}
              template={comparing}
              form={() => toTemplateJson(draft)}
              onClose={() => setScreen("templates")}
            />
          ) : screen === "folder" && target ? (
            <FolderScreen target={target} onClose={back} />
          ) : screen === "links" && linksFor ? (
            <LinksScreen
              target={linksFor.target}
              templateName={linksFor.name}
              onClose={() => setScreen(linksFor.back)}
            />
          ) : screen === "history" ? (
            <HistoryScreen
              onEdit={(where, name, id) => void editFromHistory(where, name, id)}
              onLinks={showLinks}
              onClose={back}
            />
          ) : screen === "profiles" ? (
            <ProfilesScreen
              profiles={targets.profiles}
              problem={targets.problem}
              onChanged={targets.reload}
              onClose={back}
            />
          ) : result ? (
            <ResultCard
              result={result}
              onLinks={() =>
                target &&
                result.outcome.template.name &&
                showLinks(editing?.target ?? target, result.outcome.template.name)
              }
              onClose={() => submit.setResult(null)}
            />
          ) : (
            <EditorScreen
              draft={draft}
              onChange={setDraft}
              problems={validation.report?.errors ?? []}
              warnings={validation.report?.warnings ?? []}
              pending={validation.pending}
              sections={sections}
              target={target}
              editing={editing}
              onStopEditing={() => submit.setEditing(null)}
              blocked={blocked}
              busy={submit.busy}
              onSubmit={() => {
                if (blocked || !target) return;
                void submit.submit(target, draft).then((done) => done && autosave.finished(draft));
              }}
              error={error}
              check={submit.check}
              onCheck={() => target && void submit.checkCreated(target, draft.name)}
              onDismissError={() => {
                submit.setError(null);
                validation.clearError();
                targets.clearProblem();
              }}
              onProfiles={() => setScreen("profiles")}
              canScript={validation.report?.valid === true && target !== null}
              onNew={() => startOver(emptyDraft())}
              onImported={(imported) => startOver(fromJson(imported.template))}
              onSecretKnown={onSecretKnown}
              changes={submit.changes}
              onConfirm={() => {
                if (!target) return;
                void submit.confirm(target, draft).then((done) => done && autosave.finished(draft));
              }}
              onCancelConfirm={submit.cancelConfirm}
            />
          )}
        </Suspense>
      </main>
      <AppFooter />
    </div>
  );
}
