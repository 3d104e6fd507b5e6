// Where the window sends: the built-in sandbox (always there, so a first start needs no account)
// and the profiles, the chosen target, and the keyring's problem if the profiles could not say
// whether their tokens are stored.
import { useCallback, useEffect, useState } from "react";
import { asInfo, backend } from "../backend";
import type { ErrorInfo } from "../bindings/ErrorInfo";
import type { ProfileList } from "../bindings/ProfileList";
import type { ProfileView } from "../bindings/ProfileView";
import type { SandboxInfo } from "../bindings/SandboxInfo";
import type { Target } from "../bindings/Target";
import type { FirstAnswers } from "../firstAnswers";

/** Where a start sends: the first profile, else the sandbox's first organization. */
function firstTarget(profiles: ProfileView[], sandbox: SandboxInfo | null): Target | null {
  if (profiles.length > 0) return { kind: "profile", name: profiles[0].name };
  return sandbox ? { kind: "sandbox", organizationId: sandbox.organizations[0].id } : null;
}

export function useTargets(early: FirstAnswers) {
  // The first state is whatever of the first answers has already come (main.tsx waits for them),
  // so the first screen renders once, complete; the effect applies the rest when it comes.
  const firstSandbox = early.sandbox.came?.value ?? null;
  const firstProfiles = early.profiles.came?.value;
  const [sandbox, setSandbox] = useState<SandboxInfo | null>(firstSandbox);
  const [profiles, setProfiles] = useState<ProfileView[]>(firstProfiles?.profiles ?? []);
  const [target, setTarget] = useState<Target | null>(() =>
    firstSandbox && firstProfiles ? firstTarget(firstProfiles.profiles, firstSandbox) : null,
  );
  const [problem, setProblem] = useState<ErrorInfo | null>(firstProfiles?.keyringProblem ?? null);

  const show = useCallback(async (answer: Promise<ProfileList>, select?: string) => {
    try {
      const { profiles: list, keyringProblem } = await answer;
      setProfiles(list);
      if (keyringProblem) setProblem(keyringProblem);
      if (select) setTarget({ kind: "profile", name: select });
      return list;
    } catch (e) {
      setProblem(asInfo(e));
      return [];
    }
  }, []);

  useEffect(() => {
    if (early.sandbox.came && early.profiles.came) return;
    let live = true;
    void (async () => {
      const [info, list] = await Promise.all([
        early.sandbox.promise.catch((e: unknown) => (setProblem(asInfo(e)), null)),
        show(early.profiles.promise),
      ]);
      if (!live) return;
      setSandbox(info);
      setTarget((current) => current ?? firstTarget(list, info));
    })();
    return () => {
      live = false;
    };
  }, [early, show]);

  /** Reads the profiles again (after Profiles changed them), choosing `select` if given. */
  const reload = useCallback((select?: string) => void show(backend.listProfiles(), select), [show]);

  return { sandbox, profiles, target, setTarget, problem, clearProblem: () => setProblem(null), reload };
}
