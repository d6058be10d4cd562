// The house lint for the window (ui/) and the end-to-end tests (tests/e2e/). Formatting is Prettier's
// job (eslint-config-prettier turns the style rules off); this file keeps the rules that find bugs.
// Run from the repository root: scripts/lint.sh.
import js from "@eslint/js";
import pluginVue from "eslint-plugin-vue";
import { defineConfigWithVueTs, vueTsConfigs } from "@vue/eslint-config-typescript";
import prettier from "eslint-config-prettier";
import globals from "globals";

export default defineConfigWithVueTs(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/artifacts/**", "ui/src/bindings/**"] },
  {
    files: ["ui/**/*.{ts,vue}"],
    extends: [pluginVue.configs["flat/recommended"], vueTsConfigs.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // Element Plus slots and the router's views are named by file; one-word names are the house's.
      "vue/multi-word-component-names": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Test doubles are small components written inline.
    files: ["ui/tests/**/*.ts"],
    rules: { "vue/one-component-per-file": "off", "vue/require-default-prop": "off" },
  },
  {
    files: ["tests/e2e/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: { ...globals.node, ...globals.mocha, browser: "readonly", $: "readonly", $$: "readonly" },
    },
    rules: { "no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }] },
  },
  prettier,
);
