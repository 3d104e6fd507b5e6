// The one door to the Rust backend: every command, typed with the generated bindings.
import { invoke } from "@tauri-apps/api/core";
import type { CopyReceipt } from "./bindings/CopyReceipt";
import type { Draft } from "./bindings/Draft";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { HistoryValue } from "./bindings/HistoryValue";
import type { ImportResult } from "./bindings/ImportResult";
import type { RequestSnippets } from "./bindings/RequestSnippets";
import type { CreateOutcome } from "./bindings/CreateOutcome";
import type { ErrorInfo } from "./bindings/ErrorInfo";
import type { ListQuery } from "./bindings/ListQuery";
import type { ProfileView } from "./bindings/ProfileView";
import type { SandboxInfo } from "./bindings/SandboxInfo";
import type { SecretStatus } from "./bindings/SecretStatus";
import type { Target } from "./bindings/Target";
import type { TemplatePage } from "./bindings/TemplatePage";
import type { ValidationReport } from "./bindings/ValidationReport";

/** A command's typed failure: switch on `info.code`, show `info.message` and `info.hint`. */
export class CommandError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.info = info;
  }
}

function asErrorInfo(raw: unknown): ErrorInfo {
  if (raw && typeof raw === "object" && "code" in raw && "message" in raw) {
    return raw as ErrorInfo;
  }
  return { code: "app.ipc", message: String(raw), uncertain: false };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw new CommandError(asErrorInfo(raw));
  }
}

export const api = {
  /** `template` is the form's JSON: it may hold wrong types on purpose, for the validator to name. */
  validateTemplate: (template: unknown) => call<ValidationReport>("validate_template", { template }),
  createTemplate: (target: Target, template: unknown) =>
    call<CreateOutcome>("create_template", { target, template }),
  /** After an uncertain create: the template with exactly this name, if it now exists. */
  findTemplate: (target: Target, name: string) => call<CreateOutcome | null>("find_template", { target, name }),
  listTemplates: (target: Target, query: ListQuery) => call<TemplatePage>("list_templates", { target, query }),
  listProfiles: () => call<ProfileView[]>("list_profiles"),
  /** The token goes to the keyring and never comes back. */
  addProfile: (name: string, baseUrl: string, organizationId: string, token: string) =>
    call<ProfileView>("add_profile", { name, baseUrl, organizationId, token }),
  removeProfile: (name: string) => call<void>("remove_profile", { name }),
  clientSecretStatus: (tenantId: string, clientId: string) =>
    call<SecretStatus>("client_secret_status", { tenantId, clientId }),
  /** The secret goes to the keyring; only `hasSecret` comes back. */
  storeClientSecret: (tenantId: string, clientId: string, secret: string) =>
    call<SecretStatus>("store_client_secret", { tenantId, clientId, secret }),
  removeClientSecret: (tenantId: string, clientId: string) =>
    call<SecretStatus>("remove_client_secret", { tenantId, clientId }),
  startSandbox: () => call<SandboxInfo>("start_sandbox"),
  copyText: (text: string, sensitive: boolean) => call<CopyReceipt>("copy_text", { text, sensitive }),
  editorReady: () => call<void>("editor_ready"),
  requestSnippets: (target: Target, template: unknown) => call<RequestSnippets>("request_snippets", { target, template }),
  /** The form as typed; the backend drops anything that looks like a credential. */
  saveDraft: (form: unknown) => call<void>("save_draft", { form }),
  loadDraft: () => call<Draft | null>("load_draft"),
  clearDraft: () => call<void>("clear_draft"),
  /** Opens the file dialog in the backend; null when cancelled. */
  importTemplate: () => call<ImportResult | null>("import_template"),
  exportTemplate: (template: unknown) => call<string | null>("export_template", { template }),
  listHistory: () => call<HistoryEntry[]>("list_history"),
  /** The token is read from the keychain and copied by the backend; it never comes here. */
  copyFromHistory: (templateId: string, value: HistoryValue) => call<CopyReceipt>("copy_from_history", { templateId, value }),
};
