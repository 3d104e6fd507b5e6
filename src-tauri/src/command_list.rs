// The desktop's commands, declared once. This file is read twice: by `src/commands/declare.rs`,
// which turns each line into the Tauri command, the invoke handler and the TypeScript command map
// (`ui/src/bindings/commands.ts`), and by `build.rs`, which turns the names into the permissions
// that `capabilities/` grants. Adding a line here and its function in `src/commands/` is all it
// takes; a function that does not match its line does not compile.
//
// `test_hooks` are built only with the `test-hooks` feature (end-to-end and benchmark builds);
// the shipped app has neither the commands nor their permissions.
winroll_commands! {
    product {
        validate_template(template: Json) -> ValidationReport;
        create_template(target: Target, template: Json) -> CreateOutcome;
        update_template(target: Target, id: String, template: Json, original: Json) -> CreateOutcome;
        person_links(target: Target, template_name: String, people: String) -> Vec<PersonLink>;
        save_links(template_name: String, links: Vec<PersonLink>, format: LinksFormat) -> Option<String>;
        find_template(target: Target, name: String) -> Option<CreateOutcome>;
        list_templates(target: Target, query: ListQuery) -> TemplatePage;
        request_snippets(target: Target, template: Json) -> RequestSnippets;
        start_sandbox() -> SandboxInfo;
        list_profiles() -> ProfileList;
        add_profile(name: String, base_url: String, organization_id: String, token: String) -> ProfileView;
        remove_profile(name: String) -> ();
        client_secret_status(tenant_id: String, client_id: String) -> SecretStatus;
        store_client_secret(tenant_id: String, client_id: String, secret: String, replace: bool) -> SecretStatus;
        remove_client_secret(tenant_id: String, client_id: String) -> SecretStatus;
        copy_text(text: String, sensitive: bool) -> CopyReceipt;
        save_draft(form: Json) -> ();
        load_draft() -> Option<Draft>;
        clear_draft() -> ();
        import_template() -> Option<ImportResult>;
        export_template(template: Json) -> Option<String>;
        list_history() -> Vec<HistoryEntry>;
        copy_from_history(template_id: String, value: HistoryValue) -> CopyReceipt;
    }
    test_hooks {
        editor_ready(timeline: String) -> ();
    }
}
