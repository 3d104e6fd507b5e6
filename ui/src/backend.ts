// The one door to the Rust backend. Command names, requests and answers all come from the
// generated map (bindings/commands.ts, made from src-tauri/src/command_list.rs): a call that does
// not match a command does not type-check. Every command takes one request object, or none.
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

export type Command = keyof Commands;
export type RequestOf<K extends Command> = Commands[K]["request"];
export type AnswerOf<K extends Command> = Commands[K]["returns"];

/** Calls `command` with its request (none for commands that take none). */
export async function call<K extends Command>(
  command: K,
  ...request: RequestOf<K> extends null ? [] : [RequestOf<K>]
): Promise<AnswerOf<K>> {
  try {
    return await invoke<AnswerOf<K>>(command, request.length ? { request: request[0] } : {});
  } catch (raw) {
    throw new CommandError(asInfo(raw));
  }
}

/** A command as a function of its request, for the hooks that run commands. */
const command =
  <K extends Command>(name: K) =>
  (...request: RequestOf<K> extends null ? [] : [RequestOf<K>]) =>
    call(name, ...request);

export const backend = {
  /** `template` is the form's JSON: it may hold wrong types on purpose, for the validator to name. */
  validateTemplate: command("validate_template"),
  /** Sent once; a lost answer is settled by name in the backend before anything is said. */
  createTemplate: command("create_template"),
  /** Saves the form over template `id` (same id, same token); `original` is the template as the
   * server had it, whose fields Winroll does not know go back unchanged. Future enrollments only. */
  updateTemplate: command("update_template"),
  /** What saving the form over the template would change on the server; nothing is sent. */
  planUpdate: command("plan_update"),
  /** Every difference between two templates (a file side is picked in a dialog in the backend). */
  compareTemplates: command("compare_templates"),
  /** Opens the folder dialog in the backend; answers the chosen folder's path to show, or null. */
  chooseFolder: command("choose_folder"),
  /** The chosen folder against the target: what applying it would change. */
  planFolder: command("plan_folder"),
  /** Carries the plan out; each template is announced as it lands (the `folder-applied` event). */
  applyFolder: command("apply_folder"),
  /** Every template of the target into the chosen folder, one file each. */
  pullFolder: command("pull_folder"),
  /** Who gets a link, the links masked: the window never holds one. */
  personLinks: command("person_links"),
  /** One person's link, or all of them, made and copied in the backend. */
  copyLinks: command("copy_links"),
  /** Opens the save dialog in the backend; null when cancelled. Never writes over a file. */
  saveLinks: command("save_links"),
  /** The template with exactly this name, if it exists. */
  findTemplate: command("find_template"),
  /** A template of the organization as the server has it now, by id (History's Edit). */
  templateForEdit: command("template_for_edit"),
  listTemplates: command("list_templates"),
  requestSnippets: command("request_snippets"),
  startSandbox: command("start_sandbox"),
  listProfiles: command("list_profiles"),
  /** The token goes to the keyring and never comes back. */
  addProfile: command("add_profile"),
  removeProfile: command("remove_profile"),
  clientSecretStatus: command("client_secret_status"),
  /** The secret goes to the keyring; only `hasSecret` comes back. A different stored one is replaced only with `replace`. */
  storeClientSecret: command("store_client_secret"),
  removeClientSecret: command("remove_client_secret"),
  copyText: command("copy_text"),
  /** The form as typed; the backend drops anything that looks like a credential. */
  saveDraft: command("save_draft"),
  loadDraft: command("load_draft"),
  clearDraft: command("clear_draft"),
  /** Opens the file dialog in the backend; null when cancelled. */
  importTemplate: command("import_template"),
  exportTemplate: command("export_template"),
  listHistory: command("list_history"),
  /** The token is read from the keychain and copied by the backend; it never comes here. */
  copyFromHistory: command("copy_from_history"),
  /** Opens the log folder in the file manager; answers its path. */
  openLogsFolder: command("open_logs_folder"),
  /** Test and benchmark builds only (the shipped app has no such command): the editor is interactive. */
  editorReady: command("editor_ready"),
};
