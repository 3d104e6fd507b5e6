// Templates as code in the window: a folder of template files (one a template) and the target.
// Plan says what applying the folder would change; Apply carries it out, each template shown as
// it lands; Pull writes the target's templates into the folder. The folder is chosen in a native
// dialog in the backend, which keeps it: this screen only shows its path.
import { listen } from "@tauri-apps/api/event";
import { useEffect, useState } from "react";
import { backend } from "../backend";
import type { Applied } from "../bindings/Applied";
import type { FolderPlan } from "../bindings/FolderPlan";
import type { Target } from "../bindings/Target";
import { useCommand } from "../hooks/useCommand";
import { ChangeList } from "./ChangeList";
import { useScreen } from "../hooks/useScreen";

interface Props {
  target: Target;
  onClose: () => void;
}

const STATUS: Record<Applied["status"], string> = {
  created: "Created",
  updated: "Updated",
  exists: "Already there",
  failed: "Failed",
};

function PlanView({ plan }: { plan: FolderPlan }) {
  return (
    <div id="folder-plan">
      <p id="folder-plan-summary" role="status">
        {plan.create.length} to create, {plan.update.length} to update, {plan.unchanged.length} unchanged,{" "}
        {plan.onlyOnServer.length} only on the server (Winroll deletes nothing).
      </p>
      {plan.create.length > 0 && (
        <>
          <h3>To create</h3>
          <ul id="folder-plan-create">
            {plan.create.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      )}
      {plan.update.map((u) => (
        <section key={u.id} className="planned-update" aria-label={`Changes to ${u.name}`}>
          <h3>
            To update: {u.name} (<code>{u.id}</code>)
          </h3>
          <ChangeList changes={u.changes} />
        </section>
      ))}
      {plan.onlyOnServer.length > 0 && (
        <>
          <h3>Only on the server</h3>
          <ul id="folder-plan-only-on-server">
            {plan.onlyOnServer.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function FolderScreen({ target, onClose }: Props) {
  const heading = useScreen(onClose);
  const [folder, setFolder] = useState<string | null>(null);
  const choosing = useCommand(backend.chooseFolder);
  const planning = useCommand(backend.planFolder);
  const applying = useCommand(backend.applyFolder);
  const pulling = useCommand(backend.pullFolder);
  const [landed, setLanded] = useState<Applied[]>([]);
  const error = choosing.error ?? planning.error ?? applying.error ?? pulling.error;
  const busy = planning.loading || applying.loading || pulling.loading;

  // Each template of an apply as it lands.
  useEffect(() => {
    let stop: (() => void) | undefined;
    let live = true;
    void listen<Applied>("folder-applied", (event) => setLanded((l) => [...l, event.payload])).then((unlisten) => {
      if (live) stop = unlisten;
      else unlisten();
    });
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  const clear = () => {
    planning.reset();
    applying.reset();
    pulling.reset();
    setLanded([]);
  };

  const choose = async () => {
    const chosen = await choosing.run();
    if (chosen.kind === "ok" && chosen.value) {
      setFolder(chosen.value);
      clear();
    }
  };

  const apply = async () => {
    setLanded([]);
    pulling.reset();
    const outcome = await applying.run({ target });
    // What the organization holds now.
    if (outcome.kind === "ok") await planning.run({ target });
  };

  const last = landed.at(-1);
  const results = applying.data?.results ?? landed;
  return (
    <section className="screen folder-screen" aria-labelledby="folder-heading">
      <h2 id="folder-heading" tabIndex={-1} ref={heading}>
        Templates as code: a folder
      </h2>
      <p className="help">
        One template a file, matched by name. Plan shows what applying the folder would change in this organization;
        Apply creates what is new and updates what changed; Pull writes the organization&apos;s templates into it.
      </p>
      <p>
        <span id="folder-path">{folder ? <code>{folder}</code> : "No folder chosen."}</span>{" "}
        <button type="button" id="choose-folder" onClick={choose}>
          Choose folder…
        </button>
      </p>
      <p>
        <button
          type="button"
          id="folder-plan-button"
          disabled={!folder || busy}
          onClick={() => void planning.run({ target })}
        >
          Plan
        </button>{" "}
        <button type="button" id="folder-apply-button" disabled={!folder || busy} onClick={() => void apply()}>
          Apply
        </button>{" "}
        <button
          type="button"
          id="folder-pull-button"
          disabled={!folder || busy}
          onClick={() => {
            clear();
            void pulling.run({ target, overwrite: false });
          }}
        >
          Pull into this folder
        </button>
      </p>
      {busy && (
        <progress
          aria-label={applying.loading ? "Applying the folder" : "Working"}
          id="folder-progress"
          value={applying.loading && last ? last.done : undefined}
          max={applying.loading && last ? last.total : undefined}
        />
      )}
      {error && (
        <div className="error-banner" role="alert" id="folder-error">
          <p className="error-message">{error.message}</p>
          {error.hint && <p className="error-hint">{error.hint}</p>}
        </div>
      )}
      {results.length > 0 && (
        <table className="list" id="folder-results">
          <caption>Applied</caption>
          <thead>
            <tr>
              <th scope="col">Template</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r, i) => (
              <tr key={`${r.name}-${i}`}>
                <td>{r.name}</td>
                <td>
                  {STATUS[r.status]}
                  {r.error ? `: ${r.error.message}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {planning.data && <PlanView plan={planning.data} />}
      {pulling.data && (
        <p id="folder-pulled" role="status">
          Pulled: {pulling.data.written.length} written, {pulling.data.unchanged.length} unchanged,{" "}
          {pulling.data.kept.length} left as they are (they differ from the server&apos;s copy).
        </p>
      )}
      <button type="button" onClick={onClose}>
        Back (Esc)
      </button>
    </section>
  );
}
