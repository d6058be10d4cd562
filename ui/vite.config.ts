/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

// Tauri loads ui/dist through its own protocol; everything is bundled (no CDN, no remote fonts)
// so the strict CSP of the webview holds.
export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.spec.ts"],
    setupFiles: ["tests/setup.ts"],
    // Page tests mount Element Plus components: on a loaded 2-core CI machine one can take several
    // seconds, so the 5 s default fails tests that are only slow.
    testTimeout: 30_000,
    // Element Plus's ESM build default-imports the CommonJS async-validator; let Vite handle that
    // interop, or form validation silently passes in tests.
    server: { deps: { inline: ["element-plus"] } },
  },
});
