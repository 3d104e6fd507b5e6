import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["ui/dist", "ui/src/bindings", "target", "node_modules", "src-tauri"] },
  {
    files: ["ui/src/**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Components call the backend only through ui/src/backend.ts.
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@tauri-apps/api/core", message: "Use ui/src/backend.ts." }] },
      ],
    },
  },
  { files: ["ui/src/backend.ts", "ui/src/**/*.test.{ts,tsx}"], rules: { "no-restricted-imports": "off" } },
  {
    files: ["tests/e2e/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    // A test left focused or skipped turns the suite green without running the rest.
    files: ["ui/src/**/*.test.{ts,tsx}", "tests/e2e/**/*.mjs"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["describe", "it", "test"].flatMap((object) =>
          ["only", "skip", "todo", "skipIf", "runIf"].map((property) => ({
            object,
            property,
            message: "Every test runs: no focused, skipped or pending tests.",
          })),
        ),
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^(only|skip|todo)$/]",
          message: "Every test runs: no focused, skipped or pending tests.",
        },
        {
          selector: "Property[key.name=/^(only|skip|todo)$/][value.value=true]",
          message: "Every test runs: no { only: true } or { skip: true } options.",
        },
      ],
    },
  },
);
