// The one door to the Rust backend. Command names, argument names and answer types all come from
// the generated map (bindings/commands.ts, made from src-tauri/src/command_list.rs): a call that
// does not match a command does not type-check.
import { invoke } from "@tauri-apps/api/core";
import type { Commands } from "./bindings/commands";
import type { ErrorInfo } from "./bindings/ErrorInfo";

/** A command's typed failure: switch on `info.code`, show `info.message` and `info.hint`. */
export class CommandError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.info = info;
  }
}

function isErrorInfo(raw: unknown): raw is ErrorInfo {
  return typeof raw === "object" && raw !== null && "code" in raw && "message" in raw;
}

/** Any failure as ErrorInfo: a command's own, or `app.ipc` when the backend could not be reached. */
export function asInfo(e: unknown): ErrorInfo {
  if (e instanceof CommandError) return e.info;
  if (isErrorInfo(e)) return e;
  return { code: "app.ipc", message: e instanceof Error ? e.message : String(e), uncertain: false };
}

type Command = keyof Commands;

async function call<K extends Command>(command: K, args: Commands[K]["args"]): Promise<Commands[K]["returns"]> {
  try {
    return await invoke<Commands[K]["returns"]>(command, args);
  } catch (raw) {
    throw new CommandError(asInfo(raw));
  }
}

export const api = {
  /** `template` is the form's JSON: it may hold wrong types on purpose, for the validator to name. */
  validateTemplate: (template: unknown) => call("validate_template", { template }),
  /** Sent once; a lost answer is settled by name in the backend before anything is said. */
  createTemplate: (target: Commands["create_template"]["args"]["target"], template: unknown) =>
    call("create_template", { target, template }),
  /** Saves the form over template `id` (same id, same token); `original` is the template as listed,
   * whose fields Winroll does not know go back unchanged. Affects future enrollments only. */
  updateTemplate: (args: Commands["update_template"]["args"]) => call("update_template", args),
  /** One link per person; `people` is the pasted list or CSV. The links carry the enrollment token. */
  personLinks: (args: Commands["person_links"]["args"]) => call("person_links", args),
  /** Opens the save dialog in the backend; null when cancelled. Never writes over a file. */
  saveLinks: (args: Commands["save_links"]["args"]) => call("save_links", args),
  /** The template with exactly this name, if it exists. */
  findTemplate: (args: Commands["find_template"]["args"]) => call("find_template", args),
  listTemplates: (args: Commands["list_templates"]["args"]) => call("list_templates", args),
  requestSnippets: (args: Commands["request_snippets"]["args"]) => call("request_snippets", args),
  startSandbox: () => call("start_sandbox", {}),
  listProfiles: () => call("list_profiles", {}),
  /** The token goes to the keyring and never comes back. */
  addProfile: (args: Commands["add_profile"]["args"]) => call("add_profile", args),
  removeProfile: (name: string) => call("remove_profile", { name }),
  clientSecretStatus: (tenantId: string, clientId: string) => call("client_secret_status", { tenantId, clientId }),
  /** The secret goes to the keyring; only `hasSecret` comes back. A different stored one is replaced only with `replace`. */
  storeClientSecret: (args: Commands["store_client_secret"]["args"]) => call("store_client_secret", args),
  removeClientSecret: (tenantId: string, clientId: string) => call("remove_client_secret", { tenantId, clientId }),
  copyText: (text: string, sensitive: boolean) => call("copy_text", { text, sensitive }),
  /** The form as typed; the backend drops anything that looks like a credential. */
  saveDraft: (form: unknown) => call("save_draft", { form }),
  loadDraft: () => call("load_draft", {}),
  clearDraft: () => call("clear_draft", {}),
  /** Opens the file dialog in the backend; null when cancelled. */
  importTemplate: () => call("import_template", {}),
  exportTemplate: (template: unknown) => call("export_template", { template }),
  listHistory: () => call("list_history", {}),
  /** The token is read from the keychain and copied by the backend; it never comes here. */
  copyFromHistory: (templateId: string, value: Commands["copy_from_history"]["args"]["value"]) =>
    call("copy_from_history", { templateId, value }),
  /** Test and benchmark builds only (the shipped app has no such command): the editor is interactive. */
  editorReady: (timeline: string) => call("editor_ready", { timeline }),
};
