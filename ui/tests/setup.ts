import { enableAutoUnmount } from "@vue/test-utils";
import { afterEach } from "vitest";

// Unmount what a test mounted, and clear what Element Plus teleported into <body>.
enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = "";
});
