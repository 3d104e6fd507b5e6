// What the window offers for each error code. The table names every code the backend declares
// (bindings/ErrorCode.ts): a new code does not compile until it is given its action here.
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ErrorInfo } from "./bindings/ErrorInfo";

/** `profiles`: fix or add a token; `entra`: store the client secret; `wait`: rate limited;
 * `check`: the request may have been created; `fields`: fix the form; `none`: the message says it all. */
export type ErrorAction = "profiles" | "entra" | "wait" | "check" | "fields" | "none";

export const ERROR_ACTIONS: Record<ErrorCode, ErrorAction> = {
  "config.invalid_url": "profiles",
  "config.insecure_url": "profiles",
  "config.invalid_organization": "profiles",
  "config.missing_token": "profiles",
  "config.missing_target": "profiles",
  "config.missing_input": "none",
  "config.invalid_query": "none",
  "config.ambiguous_credential": "none",
  "config.token_elsewhere": "profiles",
  "client.setup": "none",
  "api.invalid_input": "fields",
  "api.feature_not_allowed": "none",
  "api.unauthorized": "profiles",
  "api.no_auth_token": "profiles",
  "api.not_found": "none",
  "api.undocumented_code": "none",
  "api.rate_limited": "wait",
  "api.redirect": "profiles",
  "server.error": "none",
  "response.unreadable": "none",
  "response.too_large": "none",
  "network.timeout_after_send": "check",
  "network.timeout": "none",
  "network.dropped_after_send": "check",
  "network.connection": "none",
  "network.tls": "none",
  "search.incomplete": "none",
  "search.unreadable": "none",
  "config.invalid_template_id": "none",
  "input.invalid": "fields",
  "input.unreadable": "none",
  "input.not_json": "none",
  "input.empty_credential": "none",
  "secret.missing": "entra",
  "secret.none_in_file": "none",
  "secret.would_replace": "entra",
  "secret.not_allowed": "entra",
  "keyring.no_service": "none",
  "keyring.locked": "none",
  "keyring.prompt_dismissed": "none",
  "keyring.too_long": "none",
  "keyring.platform": "none",
  "keyring.not_text": "none",
  "profiles.io": "none",
  "profiles.damaged": "none",
  "profiles.newer_version": "none",
  "profiles.unknown": "profiles",
  "profiles.exists": "none",
  "profiles.invalid_name": "none",
  "files.no_dir": "none",
  "files.io": "none",
  "files.damaged": "none",
  "files.exists": "none",
  "files.not_private": "none",
  "history.missing": "none",
  "template.gone": "none",
  "templates.differ": "none",
  "template.name_taken": "fields",
  "links.bad_address": "none",
  "links.empty": "none",
  "links.no_token": "none",
  "sandbox.start": "none",
  "clipboard.failed": "none",
  "batch.failed": "none",
  "batch.report": "none",
  "batch.resume": "none",
  "app.internal": "none",
  "app.ipc": "none",
};

/** The action for an error; `check` only while nobody knows whether the create happened. */
export function actionFor(error: ErrorInfo): ErrorAction {
  const action = ERROR_ACTIONS[error.code];
  return action === "check" && !error.uncertain ? "none" : action;
}
