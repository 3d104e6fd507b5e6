// Generated from crates/winroll-core/src/validate/walker.rs by `cargo test` (export_bindings_contract); do not edit.

/** The fields Winroll models, by the object that holds them. */
export const CONTRACT_FIELDS = {
  template: ["$schema", "name", "description", "rules", "auxiliaryFields", "loginProviderTypes", "allowAutoContinue", "entraId", "segmentId"],
  rule: ["name", "displayNamePattern", "tags", "conditions", "winPolicyId", "winPolicyAssignments", "segmentId"],
  condition: ["tags", "auxiliaryFields", "patterns", "identifiers"],
  assignment: ["winPolicyId", "priority"],
  auxiliaryField: ["type", "key", "title", "description", "options"],
  entraId: ["mobilityApp"],
  mobilityApp: ["tenantId", "clientId", "clientSecret"],
} as const;

/** The login providers the vendor's page shows; others are sent as given. */
export const KNOWN_LOGIN_PROVIDERS = ["ldap", "saml", "google"] as const;

/** Fields of a template only the server sets: never sent. */
export const SERVER_FIELDS = ["id", "winEnrollmentTokenId", "winEnrollmentToken", "devicesCount", "createdAt", "updatedAt"] as const;
