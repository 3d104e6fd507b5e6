// The desktop's commands, declared once. This file is read twice: by `src/commands/declare.rs`,
// which turns each line into the Tauri command (instrumented: name, duration, error code), the
// invoke handler and the TypeScript command map (`ui/src/bindings/commands.ts`), and by
// `build.rs`, which turns the names into the permissions that `capabilities/` grants.
//
// Each command takes one request struct (`commands/requests.rs`, exported to TypeScript) or
// nothing. Adding a command is one line here, one struct there, one function in `commands/`, and
// one test on the mock runtime (`commands/tests.rs`); a function that does not match its line does
// not compile.
//
// `test_hooks` are built only with the `test-hooks` feature (end-to-end and benchmark builds);
// the shipped app has neither the commands nor their permissions.
winroll_commands! {
    product {
        validate_template(ValidateTemplateRequest) -> ValidationReport;
        create_template(CreateTemplateRequest) -> CreateOutcome;
        update_template(UpdateTemplateRequest) -> UpdateOutcome;
        plan_update(PlanUpdateRequest) -> Vec<Change>;
        compare_templates(CompareTemplatesRequest) -> Vec<Change>;
        choose_folder() -> Option<String>;
        plan_folder(FolderRequest) -> FolderPlan;
        apply_folder(FolderRequest) -> ApplyReport;
        pull_folder(PullFolderRequest) -> PullReport;
        person_links(PersonLinksRequest) -> Vec<LinkPreview>;
        copy_links(CopyLinksRequest) -> CopyReceipt;
        save_links(SaveLinksRequest) -> Option<String>;
        find_template(FindTemplateRequest) -> Option<CreateOutcome>;
        template_for_edit(TemplateForEditRequest) -> CreatedTemplate;
        list_templates(ListTemplatesRequest) -> TemplatePage;
        request_snippets(RequestSnippetsRequest) -> RequestSnippets;
        start_sandbox() -> SandboxInfo;
        list_profiles() -> ProfileList;
        add_profile(AddProfileRequest) -> ProfileView;
        remove_profile(RemoveProfileRequest) -> ();
        client_secret_status(ClientSecretStatusRequest) -> SecretStatus;
        store_client_secret(StoreClientSecretRequest) -> SecretStatus;
        remove_client_secret(RemoveClientSecretRequest) -> SecretStatus;
        copy_text(CopyTextRequest) -> CopyReceipt;
        save_draft(SaveDraftRequest) -> ();
        load_draft() -> Option<Draft>;
        clear_draft() -> ();
        import_template(ImportTemplateRequest) -> Option<ImportResult>;
        export_template(ExportTemplateRequest) -> Option<String>;
        list_history() -> Vec<HistoryEntry>;
        copy_from_history(CopyFromHistoryRequest) -> CopyReceipt;
        open_logs_folder() -> String;
    }
    test_hooks {
        editor_ready(EditorReadyRequest) -> ();
    }
}
