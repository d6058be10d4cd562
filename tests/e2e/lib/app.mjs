// Shared helpers for CareDesk end-to-end tests (tauri-driver + WebKitWebDriver + WebdriverIO).
//
// The app is started by tauri-driver (it spawns WebKitWebDriver, which spawns the app), so the app
// inherits tauri-driver's environment: CAREDESK_DATA_DIR must be exported *before* tauri-driver starts.
// scripts/e2e.sh does that; these helpers read the same variable to check it.
//
// Only `data-test` attributes from docs/ui-contract.md are used to find things.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { it } from "node:test";
import { remote } from "webdriverio";

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = path.resolve(E2E_DIR, "..", "..");
export const ARTIFACTS_DIR = path.join(E2E_DIR, "artifacts");

/** Default wait for things to appear (ms). Generous: debug builds on a 2-core machine are slow. */
export const WAIT = 20_000;

/** Path of the app binary: $CAREDESK_APP_BIN, else ${CARGO_TARGET_DIR:-target}/debug/caredesk-app. */
export function appBinary() {
  if (process.env.CAREDESK_APP_BIN) return path.resolve(REPO_ROOT, process.env.CAREDESK_APP_BIN);
  const targetDir = process.env.CARGO_TARGET_DIR
    ? path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR)
    : path.join(REPO_ROOT, "target");
  return path.join(targetDir, "debug", "caredesk-app");
}

/** The data folder given to the app (through tauri-driver's environment). */
export function dataDir() {
  const dir = process.env.CAREDESK_DATA_DIR;
  if (!dir) {
    throw new Error(
      "CAREDESK_DATA_DIR is not set. Run the end-to-end tests through scripts/e2e.sh: it makes a fresh " +
        "data folder and exports it before starting tauri-driver, so that the app inherits it.",
    );
  }
  return dir;
}

export function driverPort() {
  return Number(process.env.CAREDESK_E2E_PORT || 4444);
}

/**
 * Starts a WebDriver session, which launches the app. Returns the WebdriverIO browser.
 * `args` go to the app's command line, e.g. `['--data-dir', dir]` for a test's own database.
 */
export async function startApp({ args = [] } = {}) {
  const bin = appBinary();
  try {
    fs.accessSync(bin, fs.constants.X_OK);
  } catch {
    throw new Error(
      `App binary not found or not executable: ${bin}\n` +
        "Build the app first (with the UI built into it, i.e. `--features custom-protocol`), " +
        "or point CAREDESK_APP_BIN (or CARGO_TARGET_DIR) at it.",
    );
  }
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  try {
    return await newSession(bin, args);
  } catch (err) {
    throw new Error(
      `Could not start the app through tauri-driver at 127.0.0.1:${driverPort()} (${err.message}).\n` +
        `Is tauri-driver running (scripts/e2e.sh starts it)? Did ${bin} start and open its window? ` +
        "See tests/e2e/artifacts/tauri-driver.log for its output.",
      { cause: err },
    );
  }
}

function newSession(bin, args) {
  return remote({
    hostname: "127.0.0.1",
    port: driverPort(),
    logLevel: process.env.CAREDESK_E2E_LOG_LEVEL || "error",
    // Never retry: a retried "new session" would launch the app a second time.
    connectionRetryCount: 0,
    connectionRetryTimeout: 60_000,
    waitforTimeout: WAIT,
    waitforInterval: 200,
    capabilities: {
      // WebKitWebDriver rejects WebDriver BiDi.
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: bin, args },
    },
  });
}

// ---------------------------------------------------------------- element helpers

export const sel = (name) => `[data-test="${name}"]`;
export const treeNode = (name) => `[data-test="tree-node"][data-name="${name}"]`;

/**
 * Waits until one element matching `selector` is displayed and returns it. Element Plus keeps closed
 * dialogs in the DOM, so the same data-test may exist several times: only a displayed one counts.
 */
export async function visible(browser, selector, { timeout = WAIT, within = null } = {}) {
  let found = null;
  await browser.waitUntil(
    async () => {
      const list = within ? await within.$$(selector) : await browser.$$(selector);
      for (const el of list) {
        try {
          if (await el.isDisplayed()) {
            found = el;
            return true;
          }
        } catch {
          // stale element (re-rendered): look again
        }
      }
      return false;
    },
    { timeout, interval: 200, timeoutMsg: `no displayed element for ${selector} within ${timeout} ms` },
  );
  return found;
}

/** Whether some element matching `selector` is displayed right now. */
export async function isShown(browser, selector) {
  for (const el of await browser.$$(selector)) {
    try {
      if (await el.isDisplayed()) return true;
    } catch {
      /* stale */
    }
  }
  return false;
}

/**
 * The text input named `name`. data-test may sit on the el-input wrapper (then the <input> is inside)
 * or be passed through to the <input> itself; both are found.
 */
export function field(browser, name, opts) {
  const s = sel(name);
  return visible(browser, `${s} input:not([type="hidden"]), ${s} textarea, input${s}, textarea${s}`, opts);
}

/**
 * Empties an input so that Vue's v-model sees it. WebDriver's Element Clear (and so setValue) does not
 * fire `input` in WebKitWebDriver: v-model keeps the old text and re-renders it, and typing appends.
 */
async function clearInput(browser, input) {
  await browser.execute((el) => {
    el.focus();
    el.value = "";
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, input);
}

/** Types `value` into the field `name` (replacing what was there) and checks it arrived. */
export async function typeInto(browser, name, value) {
  for (let attempt = 1; ; attempt++) {
    const input = await field(browser, name);
    await input.waitForEnabled({ timeout: WAIT });
    await clearInput(browser, input);
    await input.addValue(value);
    const now = await input.getValue();
    if (now === value) return input;
    if (attempt >= 3)
      throw new Error(`field ${name}: typed ${JSON.stringify(value)} but it holds ${JSON.stringify(now)}`);
    await browser.pause(300);
  }
}

/** Clicks the displayed element matching `selector` once it is clickable (dialogs animate in). */
export async function clickSel(browser, selector, { timeout = WAIT, within = null } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const el = await visible(browser, selector, { timeout: Math.max(1000, deadline - Date.now()), within });
    try {
      await el.waitForClickable({ timeout: Math.max(1000, deadline - Date.now()) });
      await el.click();
      return el;
    } catch (err) {
      // Covered by an animating overlay, or re-rendered under us: try again until the deadline.
      if (Date.now() > deadline) throw err;
      await browser.pause(250);
    }
  }
}

export const click = (browser, name, opts) => clickSel(browser, sel(name), opts);

/**
 * Rendered text of an element. WebKitWebDriver's Get Element Text returns '' for some visible elements
 * (seen: a flex child with `overflow: hidden; text-overflow: ellipsis`), so fall back to innerText.
 */
export async function textOfElement(browser, el) {
  const text = (await el.getText()).trim();
  if (text) return text;
  return String(await browser.execute((e) => e.innerText || e.textContent || "", el)).trim();
}

/** Text of the displayed element named `name` ('' when none is displayed). */
export async function textOf(browser, name) {
  for (const el of await browser.$$(sel(name))) {
    try {
      if (await el.isDisplayed()) return await textOfElement(browser, el);
    } catch {
      /* stale */
    }
  }
  return "";
}

/** Waits until the displayed text of `name` satisfies `pred`; returns that text. */
export async function waitForText(browser, name, pred, { timeout = WAIT, what = "expected text" } = {}) {
  let last = "";
  try {
    await browser.waitUntil(
      async () => {
        last = await textOf(browser, name);
        return pred(last);
      },
      { timeout, interval: 200 },
    );
  } catch {
    throw new Error(`${sel(name)}: waited ${timeout} ms for ${what}; last text was ${JSON.stringify(last)}`);
  }
  return last;
}

/** Waits until one of the named elements is displayed; returns its name. */
export async function waitForAny(browser, names, { timeout = WAIT } = {}) {
  let which = null;
  await browser.waitUntil(
    async () => {
      for (const n of names) {
        if (await isShown(browser, sel(n))) {
          which = n;
          return true;
        }
      }
      return false;
    },
    { timeout, interval: 250, timeoutMsg: `none of ${names.join(", ")} was displayed within ${timeout} ms` },
  );
  return which;
}

/** Saves a screenshot as artifacts/<name>.png; never throws (it is used on failure paths). */
export async function screenshot(browser, name) {
  if (!browser) return null;
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\p{L}\p{N}.-]+/gu, "_")}.png`);
  try {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await browser.saveScreenshot(file);
    return file;
  } catch (err) {
    console.error(`(could not save screenshot ${file}: ${err.message})`);
    return null;
  }
}

/** Whether an el-button is busy (loading spinner or disabled). */
export async function isBusy(button) {
  try {
    const cls = (await button.getAttribute("class")) || "";
    return cls.includes("is-loading") || !(await button.isEnabled());
  } catch {
    return false; // re-rendered or gone: not busy any more
  }
}

/**
 * Fills the login form and submits it, then waits for the answer: the submit button's busy state
 * ends and (when it never looked busy) the error text changed or a moment has passed. Returns the
 * error text shown afterwards ('' if none, e.g. after a successful login).
 */
export async function submitLogin(browser, username, password) {
  await typeInto(browser, "login-username", username);
  await typeInto(browser, "login-password", password);
  const before = await textOf(browser, "login-error");
  const button = await visible(browser, sel("login-submit"));
  await button.waitForClickable({ timeout: WAIT });
  await button.click();
  const start = Date.now();
  let sawBusy = false;
  await browser.waitUntil(
    async () => {
      if (!(await isShown(browser, sel("login-submit")))) return true; // left the login page
      if (await isBusy(button)) {
        sawBusy = true;
        return false;
      }
      if (sawBusy) return true;
      if ((await textOf(browser, "login-error")) !== before) return true;
      return Date.now() - start > 1500;
    },
    { timeout: 60_000, interval: 100, timeoutMsg: "login did not answer within 60 s" },
  );
  return textOf(browser, "login-error");
}

// ---------------------------------------------------------------- scenarios

/**
 * Steps of one scenario run in order: once a step fails the later ones are skipped (they would only
 * fail for the same reason), and the failure leaves `artifacts/failure-<label>-<step>.png`.
 * `getBrowser` returns the session (it is created by the first step).
 */
export function scenario(label, getBrowser) {
  let failedStep = null;
  return {
    step(name, fn) {
      it(name, { timeout: 180_000 }, async (t) => {
        if (failedStep) {
          t.skip(`an earlier step failed: ${failedStep}`);
          return;
        }
        try {
          await fn(t);
        } catch (err) {
          failedStep = name;
          const file = await screenshot(getBrowser(), `failure-${label}-${name}`);
          if (file) t.diagnostic(`screenshot: ${file}`);
          throw err;
        }
      });
    },
    failed: () => failedStep !== null,
  };
}

/** The `caredesk` CLI on the office database `dbFile`, signed in with `password` (scripts/e2e.sh builds it). */
export function officeCli(dbFile, password) {
  return (...args) => {
    const bin = process.env.CAREDESK_CLI_BIN;
    if (!bin) throw new Error("CAREDESK_CLI_BIN is not set: run through scripts/e2e.sh");
    return execFileSync(bin, ["--db", dbFile, ...args], {
      env: { ...process.env, CAREDESK_PASSWORD: password, CAREDESK_USER: "" },
      encoding: "utf8",
    });
  };
}

/** The text of a PDF the app printed into `dataDir` (its file name as the print dialog shows it); closes the dialog. */
export async function printedText(browser, dataDir) {
  await visible(browser, sel("print-result"), { timeout: 60_000 });
  const name = (await textOf(browser, "print-file-name")).trim();
  const pdf = path.join(dataDir, "prints", name);
  assert.ok(fs.existsSync(pdf), `${pdf} exists`);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  await browser.keys("Escape");
  await browser.waitUntil(async () => !(await isShown(browser, sel("print-result"))), {
    timeout: WAIT,
    timeoutMsg: "the print dialog stayed open",
  });
  return text;
}

/** Types a date into a DateInput and confirms it, as a clerk does. */
export async function typeDate(browser, name, value) {
  const input = await typeInto(browser, name, value);
  await input.click();
  await browser.keys("Enter");
}
