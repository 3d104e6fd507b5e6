// The template form: every field of the contract, with the spec's help text beside it.
import { CONTRACT_FIELDS } from "../bindings/contract";
import type { Target } from "../bindings/Target";
import { autoContinue, KNOWN_LOGIN_PROVIDERS, type TemplateDraft } from "../draft";
import { AuxiliaryFieldsEditor } from "./AuxiliaryFieldsEditor";
import { Disclosure } from "./Disclosure";
import { EntraIdSection } from "./EntraIdSection";
import { TextField } from "./fields";
import { KeptFields } from "./KeptFields";
import { RulesEditor } from "./RulesEditor";
import { ValuesEditor } from "./ValuesEditor";

interface Props {
  draft: TemplateDraft;
  /** Where the form would be sent: a stored secret says whether it may go there. */
  target: Target | null;
  onChange: (draft: TemplateDraft) => void;
  onSecretKnown: (stored: boolean | null) => void;
}

/** A closed Sign-in section's line: the providers chosen and auto-continue when set. */
function signInSummary(draft: TemplateDraft): string {
  const providers = draft.loginProviderTypes.length === 0 ? "no providers" : draft.loginProviderTypes.join(", ");
  return draft.allowAutoContinue === "unset" ? providers : `${providers}; auto-continue ${draft.allowAutoContinue}`;
}

export function Editor({ draft, target, onChange, onSecretKnown }: Props) {
  const set = (patch: Partial<TemplateDraft>) => onChange({ ...draft, ...patch });
  // The page's providers as shortcuts: ticking one adds it at the end, unticking removes it;
  // the list below holds every provider, in order, each exactly as typed.
  const toggleProvider = (provider: string, on: boolean) =>
    set({
      loginProviderTypes: on
        ? [...draft.loginProviderTypes, provider]
        : draft.loginProviderTypes.filter((p) => p !== provider),
    });

  return (
    <div className="editor">
      <section aria-labelledby="basics-heading" className="section">
        <h2 id="basics-heading">Template</h2>
        <KeptFields at="" kept={draft.kept} modelled={CONTRACT_FIELDS.template} onChange={(kept) => set({ kept })} />
        <TextField
          id="name"
          label="Name"
          required
          max={128}
          value={draft.name}
          help="Display name, unique within the organization."
          onChange={(name) => set({ name })}
        />
        <TextField
          id="description"
          label="Description"
          multiline
          max={256}
          value={draft.description}
          help="What the template is for and which devices it targets."
          onChange={(description) => set({ description })}
        />
        <TextField
          id="segmentId"
          label="Segment id"
          numeric
          value={draft.segmentId}
          help="Scopes smart enrollment to a segment. An integer ≥ 0."
          onChange={(segmentId) => set({ segmentId })}
        />
      </section>

      <RulesEditor rules={draft.rules} onChange={(rules) => set({ rules })} />
      <AuxiliaryFieldsEditor fields={draft.auxiliaryFields} onChange={(auxiliaryFields) => set({ auxiliaryFields })} />

      <section aria-labelledby="signIn--heading" className="section">
        <Disclosure stateKey="signIn" id="signIn" title="Sign-in" summary={signInSummary(draft)} level={2}>
          <div className="providers" role="group" aria-label="The page's login providers">
            {KNOWN_LOGIN_PROVIDERS.map((p) => (
              <label className="check" key={p}>
                <input
                  type="checkbox"
                  checked={draft.loginProviderTypes.includes(p)}
                  onChange={(e) => toggleProvider(p, e.currentTarget.checked)}
                />{" "}
                {p}
              </label>
            ))}
          </div>
          <ValuesEditor
            id="loginProviderTypes"
            label="Login providers"
            valueName="provider"
            values={draft.loginProviderTypes}
            help="Identity systems users can authenticate through during enrollment: the page shows ldap, saml and google; another is sent as typed."
            onChange={(loginProviderTypes) => set({ loginProviderTypes })}
          />
          <div className="field">
            <label htmlFor="allowAutoContinue">
              Allow auto-continue: move through the enrollment steps automatically once authentication succeeds
            </label>
            <select
              id="allowAutoContinue"
              value={draft.allowAutoContinue}
              onChange={(e) => set({ allowAutoContinue: autoContinue(e.currentTarget.value) })}
            >
              <option value="unset">Not set (the server decides)</option>
              <option value="on">On</option>
              <option value="off">Off</option>
            </select>
          </div>
        </Disclosure>
      </section>

      <EntraIdSection draft={draft} target={target} onChange={(patch) => set(patch)} onSecretKnown={onSecretKnown} />
    </div>
  );
}
