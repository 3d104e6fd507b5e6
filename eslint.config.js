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
      // Components call the backend only through ui/src/api.ts.
      "no-restricted-imports": ["error", { paths: [{ name: "@tauri-apps/api/core", message: "Use ui/src/api.ts." }] }],
    },
  },
  { files: ["ui/src/api.ts", "ui/src/**/*.test.{ts,tsx}"], rules: { "no-restricted-imports": "off" } },
  {
    files: ["tests/e2e/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
