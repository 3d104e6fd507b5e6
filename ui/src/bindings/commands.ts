// Generated from src-tauri/src/command_list.rs by `cargo test` (export_bindings_commands); do not edit.
import type { CopyReceipt } from "./CopyReceipt";
import type { CreateOutcome } from "./CreateOutcome";
import type { Draft } from "./Draft";
import type { HistoryEntry } from "./HistoryEntry";
import type { HistoryValue } from "./HistoryValue";
import type { ImportResult } from "./ImportResult";
import type { LinksFormat } from "./LinksFormat";
import type { ListQuery } from "./ListQuery";
import type { PersonLink } from "./PersonLink";
import type { ProfileList } from "./ProfileList";
import type { ProfileView } from "./ProfileView";
import type { RequestSnippets } from "./RequestSnippets";
import type { SandboxInfo } from "./SandboxInfo";
import type { SecretStatus } from "./SecretStatus";
import type { Target } from "./Target";
import type { TemplatePage } from "./TemplatePage";
import type { ValidationReport } from "./ValidationReport";

/** Every desktop command: the arguments the UI sends and the answer it gets. */
export type Commands = {
  validate_template: { args: { template: unknown }; returns: ValidationReport };
  create_template: { args: { target: Target, template: unknown }; returns: CreateOutcome };
  update_template: { args: { target: Target, id: string, template: unknown, original: unknown }; returns: CreateOutcome };
  person_links: { args: { target: Target, templateName: string, people: string }; returns: Array<PersonLink> };
  save_links: { args: { templateName: string, links: Array<PersonLink>, format: LinksFormat }; returns: string | null };
  find_template: { args: { target: Target, name: string }; returns: CreateOutcome | null };
  list_templates: { args: { target: Target, query: ListQuery }; returns: TemplatePage };
  request_snippets: { args: { target: Target, template: unknown }; returns: RequestSnippets };
  start_sandbox: { args: {}; returns: SandboxInfo };
  list_profiles: { args: {}; returns: ProfileList };
  add_profile: { args: { name: string, baseUrl: string, organizationId: string, token: string }; returns: ProfileView };
  remove_profile: { args: { name: string }; returns: null };
  client_secret_status: { args: { tenantId: string, clientId: string }; returns: SecretStatus };
  store_client_secret: { args: { tenantId: string, clientId: string, secret: string, replace: boolean }; returns: SecretStatus };
  remove_client_secret: { args: { tenantId: string, clientId: string }; returns: SecretStatus };
  copy_text: { args: { text: string, sensitive: boolean }; returns: CopyReceipt };
  save_draft: { args: { form: unknown }; returns: null };
  load_draft: { args: {}; returns: Draft | null };
  clear_draft: { args: {}; returns: null };
  import_template: { args: {}; returns: ImportResult | null };
  export_template: { args: { template: unknown }; returns: string | null };
  list_history: { args: {}; returns: Array<HistoryEntry> };
  copy_from_history: { args: { templateId: string, value: HistoryValue }; returns: CopyReceipt };
  editor_ready: { args: { timeline: string }; returns: null };
};
