//! What each desktop command does: hand the request to the use case in `winroll-app` and answer.
//! No decision is made here. The Tauri wrappers, the handler and the TypeScript map are generated
//! from `src/command_list.rs` (see `declare.rs`); requests are in `requests.rs`. Blocking work
//! (keyring, files, dialogs) goes through `Winroll::blocking`.

mod declare;
pub mod requests;
#[cfg(feature = "test-hooks")]
mod test_hooks;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod typescript;

use tauri::{AppHandle, Manager, Runtime};
use winroll_app::compare::Side;
use winroll_app::folder::{ApplyReport, FolderPlan, PullReport};
use winroll_app::{
    AppError, ImportResult, LinkPreview, ProfileList, ProfileView, SandboxInfo, SecretStatus,
    UpdateOutcome, Winroll,
};
use winroll_core::diff::Change;
use winroll_core::{
    CreateOutcome, CreatedTemplate, ErrorCode, RequestSnippets, SecretSource, TemplatePage,
    ValidationReport, validate_value,
};
use winroll_files::{Draft, EntraAppId, HistoryEntry};

#[cfg(test)]
use declare::typescript;
pub use declare::{PRODUCT_COMMANDS, TEST_HOOK_COMMANDS, handler};

use self::requests::*;
use crate::clipboard::CopyReceipt;
use crate::dialogs::{Dialog, choose_file};

/// The use cases, asking through the app's dialog before a stored secret goes somewhere new.
fn winroll<R: Runtime>(app: &AppHandle<R>) -> Winroll {
    let prompt = crate::dialogs::AllowDialog::for_app(app);
    app.state::<Winroll>()
        .inner()
        .asking(std::sync::Arc::new(prompt))
}

fn entra(tenant_id: String, client_id: String) -> EntraAppId {
    EntraAppId {
        tenant_id,
        client_id,
    }
}

pub async fn validate_template<R: Runtime>(
    _: &AppHandle<R>,
    request: ValidateTemplateRequest,
) -> Result<ValidationReport, AppError> {
    #[cfg(feature = "test-hooks")]
    test_hooks::late_validation().await;
    Ok(validate_value(&request.template.0, SecretSource::Keyring))
}

pub async fn create_template<R: Runtime>(
    app: &AppHandle<R>,
    request: CreateTemplateRequest,
) -> Result<CreateOutcome, AppError> {
    winroll(app)
        .create_from_json(&request.target, request.template.0)
        .await
}

pub async fn update_template<R: Runtime>(
    app: &AppHandle<R>,
    request: UpdateTemplateRequest,
) -> Result<UpdateOutcome, AppError> {
    let UpdateTemplateRequest {
        target,
        id,
        template,
        original,
    } = request;
    winroll(app)
        .update_from_json(&target, &id, template.0, original.0)
        .await
}

pub async fn person_links<R: Runtime>(
    app: &AppHandle<R>,
    request: PersonLinksRequest,
) -> Result<Vec<LinkPreview>, AppError> {
    winroll(app)
        .link_previews(&request.target, &request.template_name, &request.people)
        .await
}

/// Copies one person's link, or all of them, made in Rust: the window never holds a link.
pub async fn copy_links<R: Runtime>(
    app: &AppHandle<R>,
    request: CopyLinksRequest,
) -> Result<CopyReceipt, AppError> {
    let text = winroll(app)
        .links_to_copy(
            &request.target,
            &request.template_name,
            &request.people,
            &request.which,
        )
        .await?;
    crate::clipboard::copy(app, text, true)
}

/// Saves links as CSV or the onboarding sheet where the user chooses; `None` if cancelled.
pub async fn save_links<R: Runtime>(
    app: &AppHandle<R>,
    request: SaveLinksRequest,
) -> Result<Option<String>, AppError> {
    let SaveLinksRequest {
        target,
        template_name,
        people,
        format,
    } = request;
    let links = winroll(app)
        .person_links(&target, &template_name, &people)
        .await?;
    let dialog = Dialog::Save {
        suggested: winroll_app::links::file_name(&template_name, format),
        extension: format.extension(),
    };
    save_as(app, dialog, move |winroll, path| {
        winroll.save_links(path, &template_name, &links, format)
    })
    .await
}

/// Asks where to save (the native dialog, in Rust) and writes there; answers the path, or `None`
/// when the user cancelled.
async fn save_as<R: Runtime>(
    app: &AppHandle<R>,
    dialog: Dialog,
    write: impl FnOnce(&Winroll, &std::path::Path) -> Result<(), AppError> + Send + 'static,
) -> Result<Option<String>, AppError> {
    let handle = app.clone();
    winroll(app)
        .blocking(move |winroll| {
            let Some(path) = choose_file(&handle, dialog) else {
                return Ok(None);
            };
            write(winroll, &path)?;
            Ok(Some(path.display().to_string()))
        })
        .await
}

pub async fn find_template<R: Runtime>(
    app: &AppHandle<R>,
    request: FindTemplateRequest,
) -> Result<Option<CreateOutcome>, AppError> {
    winroll(app)
        .find_template(&request.target, &request.name)
        .await
}

pub async fn template_for_edit<R: Runtime>(
    app: &AppHandle<R>,
    request: TemplateForEditRequest,
) -> Result<CreatedTemplate, AppError> {
    winroll(app)
        .template_for_edit(&request.target, &request.id, &request.name)
        .await
}

pub async fn list_templates<R: Runtime>(
    app: &AppHandle<R>,
    request: ListTemplatesRequest,
) -> Result<TemplatePage, AppError> {
    // The window never needs a template's enrollment token from a list (a credential).
    winroll(app)
        .list_templates(&request.target, &request.query, false)
        .await
}

pub async fn request_snippets<R: Runtime>(
    app: &AppHandle<R>,
    request: RequestSnippetsRequest,
) -> Result<RequestSnippets, AppError> {
    winroll(app)
        .request_snippets_for_json(&request.target, request.template.0)
        .await
}

pub async fn start_sandbox<R: Runtime>(app: &AppHandle<R>) -> Result<SandboxInfo, AppError> {
    winroll(app).sandbox().await
}

pub async fn list_profiles<R: Runtime>(app: &AppHandle<R>) -> Result<ProfileList, AppError> {
    winroll(app).blocking(Winroll::list_profiles).await
}

pub async fn add_profile<R: Runtime>(
    app: &AppHandle<R>,
    request: AddProfileRequest,
) -> Result<ProfileView, AppError> {
    winroll(app)
        .blocking(move |winroll| {
            winroll.add_profile(
                &request.name,
                &request.base_url,
                &request.organization_id,
                &request.token,
            )
        })
        .await
}

pub async fn remove_profile<R: Runtime>(
    app: &AppHandle<R>,
    request: RemoveProfileRequest,
) -> Result<(), AppError> {
    winroll(app)
        .blocking(move |winroll| winroll.remove_profile(&request.name))
        .await
}

pub async fn client_secret_status<R: Runtime>(
    app: &AppHandle<R>,
    request: ClientSecretStatusRequest,
) -> Result<SecretStatus, AppError> {
    let id = entra(request.tenant_id, request.client_id);
    winroll(app)
        .blocking(move |winroll| winroll.client_secret_status(&id, &request.target))
        .await
}

pub async fn store_client_secret<R: Runtime>(
    app: &AppHandle<R>,
    request: StoreClientSecretRequest,
) -> Result<SecretStatus, AppError> {
    let id = entra(request.tenant_id, request.client_id);
    winroll(app)
        .blocking(move |winroll| {
            winroll.store_client_secret(id, &request.secret, request.replace, &request.target)
        })
        .await
}

pub async fn remove_client_secret<R: Runtime>(
    app: &AppHandle<R>,
    request: RemoveClientSecretRequest,
) -> Result<SecretStatus, AppError> {
    let id = entra(request.tenant_id, request.client_id);
    winroll(app)
        .blocking(move |winroll| winroll.remove_client_secret(&id))
        .await?;
    Ok(SecretStatus {
        has_secret: false,
        allowed_here: false,
    })
}

pub async fn copy_text<R: Runtime>(
    app: &AppHandle<R>,
    request: CopyTextRequest,
) -> Result<CopyReceipt, AppError> {
    crate::clipboard::copy(app, request.text, request.sensitive)
}

pub async fn save_draft<R: Runtime>(
    app: &AppHandle<R>,
    request: SaveDraftRequest,
) -> Result<(), AppError> {
    winroll(app)
        .blocking(move |winroll| winroll.save_draft(request.form.0))
        .await
}

pub async fn load_draft<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Draft>, AppError> {
    winroll(app)
        .blocking(|winroll| Ok(winroll.load_draft()))
        .await
}

pub async fn clear_draft<R: Runtime>(app: &AppHandle<R>) -> Result<(), AppError> {
    winroll(app).blocking(Winroll::clear_draft).await
}

/// Opens the file dialog (in Rust) and reads the chosen file; `None` when cancelled.
pub async fn import_template<R: Runtime>(
    app: &AppHandle<R>,
    request: ImportTemplateRequest,
) -> Result<Option<ImportResult>, AppError> {
    let handle = app.clone();
    winroll(app)
        .blocking(move |winroll| match choose_file(&handle, Dialog::Open) {
            Some(path) => winroll.import_template(&path, &request.target).map(Some),
            None => Ok(None),
        })
        .await
}

/// Writes the form as a template file; answers the path, or `None` if cancelled.
pub async fn export_template<R: Runtime>(
    app: &AppHandle<R>,
    request: ExportTemplateRequest,
) -> Result<Option<String>, AppError> {
    let template = request.template.0;
    let dialog = Dialog::Save {
        suggested: winroll_app::template_files::file_name(&template),
        extension: "json",
    };
    save_as(app, dialog, move |winroll, path| {
        winroll.export_template(path, template)
    })
    .await
}

pub async fn list_history<R: Runtime>(app: &AppHandle<R>) -> Result<Vec<HistoryEntry>, AppError> {
    winroll(app).blocking(Winroll::list_history).await
}

/// The token is read from the keyring and copied here; it never goes through the window.
pub async fn copy_from_history<R: Runtime>(
    app: &AppHandle<R>,
    request: CopyFromHistoryRequest,
) -> Result<CopyReceipt, AppError> {
    let copy = winroll(app)
        .blocking(move |winroll| {
            winroll.history_value(&request.target, &request.template_id, request.value)
        })
        .await?;
    crate::clipboard::copy(app, copy.text, copy.sensitive)
}

/// What saving the form over the template would change, read from the server; nothing is sent.
pub async fn plan_update<R: Runtime>(
    app: &AppHandle<R>,
    request: PlanUpdateRequest,
) -> Result<Vec<Change>, AppError> {
    winroll(app)
        .plan_update_from_json(
            &request.target,
            &request.id,
            request.template.0,
            request.original.0,
        )
        .await
}

/// Compares two templates; a file side is chosen in a dialog opened here.
pub async fn compare_templates<R: Runtime>(
    app: &AppHandle<R>,
    request: CompareTemplatesRequest,
) -> Result<Vec<Change>, AppError> {
    let (a, b) = (side(app, request.a).await?, side(app, request.b).await?);
    winroll(app).compare(Some(&request.target), a, b).await
}

async fn side<R: Runtime>(app: &AppHandle<R>, side: CompareSide) -> Result<Side, AppError> {
    Ok(match side {
        CompareSide::Form { template } => Side::Json(template.0),
        CompareSide::Template { id } => Side::Id(id),
        CompareSide::File => {
            let handle = app.clone();
            let path = winroll(app)
                .blocking(move |_| Ok(choose_file(&handle, Dialog::Open)))
                .await?;
            Side::File(path.ok_or_else(|| {
                AppError::usage(ErrorCode::ConfigMissingInput, "no file was chosen", None)
            })?)
        }
    })
}

/// The folder templates as code work in, chosen in a native dialog and kept here: the window
/// shows its path and never names one.
#[derive(Debug, Default)]
pub struct ChosenFolder(std::sync::Mutex<Option<std::path::PathBuf>>);

impl ChosenFolder {
    fn get(&self) -> Result<std::path::PathBuf, AppError> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| {
                AppError::usage(
                    ErrorCode::ConfigMissingInput,
                    "no folder is chosen",
                    Some("Choose a folder first.".into()),
                )
            })
    }
}

fn chosen_folder<R: Runtime>(app: &AppHandle<R>) -> Result<std::path::PathBuf, AppError> {
    app.try_state::<ChosenFolder>()
        .ok_or_else(|| AppError::Internal("no folder state".into()))?
        .get()
}

/// Opens the folder dialog; answers the chosen folder's path (shown), or `None` if cancelled.
pub async fn choose_folder<R: Runtime>(app: &AppHandle<R>) -> Result<Option<String>, AppError> {
    let handle = app.clone();
    let chosen = winroll(app)
        .blocking(move |_| Ok(choose_file(&handle, Dialog::Folder)))
        .await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    if let Some(state) = app.try_state::<ChosenFolder>() {
        *state.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
    }
    Ok(Some(path.display().to_string()))
}

pub async fn plan_folder<R: Runtime>(
    app: &AppHandle<R>,
    request: FolderRequest,
) -> Result<FolderPlan, AppError> {
    let folder = chosen_folder(app)?;
    winroll(app)
        .plan_folder(&request.target, &folder, None)
        .await
}

/// Applies the chosen folder; each template is announced as it lands (`folder-applied`).
pub async fn apply_folder<R: Runtime>(
    app: &AppHandle<R>,
    request: FolderRequest,
) -> Result<ApplyReport, AppError> {
    use tauri::Emitter;
    let folder = chosen_folder(app)?;
    let handle = app.clone();
    winroll(app)
        .apply_folder_report(&request.target, &folder, |applied| {
            let _ = handle.emit("folder-applied", applied);
        })
        .await
}

pub async fn pull_folder<R: Runtime>(
    app: &AppHandle<R>,
    request: PullFolderRequest,
) -> Result<PullReport, AppError> {
    let folder = chosen_folder(app)?;
    winroll(app)
        .pull_folder(&request.target, &folder, request.overwrite)
        .await
}

/// Opens the folder of the daily log files in the system's file manager; answers its path (the
/// window shows it, for when no file manager opens).
pub async fn open_logs_folder<R: Runtime>(app: &AppHandle<R>) -> Result<String, AppError> {
    let folder = winroll(app).dirs().logs().to_path_buf();
    winroll_files::atomic::create_private_dir(&folder)?;
    crate::logging::reveal(app, &folder);
    Ok(folder.display().to_string())
}
