// Health check-ups, end to end against the real app binary, on a demo database made with the
// `caredesk` command line (health stations, providers, an autumn campaign with results): create a
// campaign for today, invite a proposed elder, print the check-up list (a PDF appears), enter a
// reading of 185/112, see the urgent alert on the home page, record the referral as a follow-up,
// see the alert clear, and find the reading and its trend chart on the resident's health page.
//
// The app and the command line run on a clock that starts at CAREDESK_E2E_NOW (scripts/e2e.sh:
// Monday 2026-11-30 09:30 Beijing time), so "today" is that Monday whenever CI runs.

/* global document */
import { describe, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import {
  WAIT,
  click,
  clickSel,
  field,
  isShown,
  screenshot,
  sel,
  scenario,
  startApp,
  submitLogin,
  textOf,
  typeInto,
  visible,
  waitForText,
} from "./lib/app.mjs";

const PASSWORD = "Passw0rd!";
const TODAY = "2026-11-30";
const URGENT = "185/112";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "caredesk-e2e-checkups-"));
const dbFile = path.join(dataDir, "caredesk.db");

function cli(...args) {
  const bin = process.env.CAREDESK_CLI_BIN;
  if (!bin) throw new Error("CAREDESK_CLI_BIN is not set: run through scripts/e2e.sh");
  return execFileSync(bin, ["--db", dbFile, ...args], {
    env: { ...process.env, CAREDESK_PASSWORD: PASSWORD, CAREDESK_USER: "" },
    encoding: "utf8",
  });
}

let browser = null;
const { step, failed } = scenario("checkups", () => browser);

/**
 * Picks the first option of an Element Plus select (the options are teleported to the body). A click
 * while the previous select's list is still closing may not open this one, so it tries again.
 */
async function chooseFirst(selectName, optionPrefix) {
  for (let attempt = 1; ; attempt++) {
    await click(browser, selectName);
    try {
      await clickSel(browser, `[data-test^="${optionPrefix}"]`, { timeout: 4000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await browser.pause(500);
    }
  }
}

/** The texts of the home page's urgent alert rows (none when the card is not shown). */
async function urgentRows() {
  if (!(await isShown(browser, sel("home-urgent-alerts")))) return [];
  const rows = await browser.$$(sel("home-urgent-row"));
  const texts = [];
  for (const r of rows) texts.push(await r.getText());
  return texts;
}

describe("health check-ups", () => {
  let invitee = "";

  after(async () => {
    if (browser) await browser.deleteSession().catch(() => {});
    if (!failed()) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  step("prepare a demo database with health stations and sign in", async () => {
    cli("init", "--office", "中阳楼街道办事处", "--admin", "admin");
    cli("--user", "admin", "demo", "--residents", "400", "--seed", "11");
    browser = await startApp({ args: ["--data-dir", dataDir] });
    await visible(browser, sel("login-username"), { timeout: 60_000 });
    assert.equal(await submitLogin(browser, "admin", PASSWORD), "");
    await click(browser, "nav-checkups");
    await visible(browser, sel("campaigns-table"));
  });

  step("create a campaign for today", async () => {
    await click(browser, "checkups-new-campaign");
    await visible(browser, sel("campaign-drawer"));
    await typeInto(browser, "campaign-name", "冬季老年人体检（端到端）");
    await chooseFirst("campaign-station", "campaign-station-option-");
    await chooseFirst("campaign-provider", "campaign-provider-option-");
    const first = await typeInto(browser, "campaign-first-day", TODAY);
    await first.click();
    await browser.keys("Enter");
    await screenshot(browser, "checkups-campaign-form");
    await click(browser, "campaign-form-save");
    await visible(browser, sel("campaign-summary"), { timeout: WAIT });
    assert.match(await textOf(browser, "campaign-summary"), /冬季老年人体检（端到端）/);
  });

  step("invite a proposed elder into a slot", async () => {
    await click(browser, "invite-open");
    await visible(browser, sel("invite-dialog"));
    await clickSel(browser, '[data-test^="invite-candidate-"]');
    await click(browser, "invite-confirm");
    await browser.waitUntil(async () => !(await isShown(browser, sel("invite-dialog"))), {
      timeout: WAIT,
      timeoutMsg: "the invite dialog stayed open",
    });
    const row = await visible(browser, sel("invitation-row"));
    invitee = await row.getAttribute("data-name");
    assert.ok(invitee, "the invitee has a name");
    await screenshot(browser, "checkups-campaign");
  });

  step("print the check-up list: a PDF appears", async () => {
    await click(browser, "print-checkup-list");
    await visible(browser, sel("print-result"), { timeout: 60_000 });
    const name = (await textOf(browser, "print-file-name")).trim();
    const pdf = path.join(dataDir, "prints", name);
    assert.ok(fs.existsSync(pdf), `${pdf} exists`);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    assert.ok(text.includes(invitee), `the list names ${invitee}`);
    await browser.keys("Escape");
    await browser.waitUntil(async () => !(await isShown(browser, sel("print-result"))), {
      timeout: WAIT,
      timeoutMsg: "the print dialog stayed open",
    });
  });

  step(`sign the invitee in and enter ${URGENT}: the result is flagged urgent`, async () => {
    // At the desk: the name typed into the sign-in box finds the one invitee and signs them in.
    const box = await field(browser, "signin-input");
    await box.addValue(invitee);
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await textOf(browser, "signin-name")).includes(invitee), {
      timeout: WAIT,
      timeoutMsg: `${invitee} was not signed in from the sign-in box`,
    });
    const row = `${sel("invitation-row")}[data-name="${invitee}"]`;
    await clickSel(browser, `${row} ${sel("invitation-enter")}`);
    await visible(browser, sel("result-entry"));
    await typeInto(browser, "result-systolic", "185");
    const diastolic = await typeInto(browser, "result-diastolic", "112");
    await diastolic.click();
    await click(browser, "result-save");
    await visible(browser, sel("result-urgent"), { timeout: WAIT });
    assert.match(await textOf(browser, "result-urgent"), /185\/112/);
    await screenshot(browser, "checkups-result-urgent");
  });

  step("the urgent alert appears on the home page", async () => {
    await click(browser, "nav-home");
    await browser.waitUntil(async () => (await urgentRows()).some((t) => t.includes(invitee) && t.includes(URGENT)), {
      timeout: WAIT,
      timeoutMsg: `no urgent alert for ${invitee} on the home page`,
    });
    await screenshot(browser, "checkups-home-alert");
  });

  step("record the referral: the alert clears", async () => {
    await click(browser, "home-urgent-link");
    await visible(browser, sel("tasks-table"));
    // Health staff call: every phone on the list is whole (no ****) for the administrator.
    const phones = [];
    for (const p of await browser.$$(sel("task-phone"))) phones.push(await p.getText());
    assert.ok(
      phones.some((p) => /\d{7,}/.test(p)),
      `some full phones: ${phones.join(", ")}`,
    );
    assert.ok(
      phones.every((p) => !p.includes("*")),
      `no masked phones: ${phones.join(", ")}`,
    );
    await clickSel(browser, `${sel("task-row")}[data-name="${invitee}"][data-urgent="true"] ${sel("task-record")}`);
    await visible(browser, sel("followup-dialog"));
    await click(browser, "followup-method-clinic");
    await typeInto(browser, "followup-outcome", "已陪同转诊至孝义市中心医院心内科");
    await click(browser, "followup-save");
    await visible(browser, sel("followup-saved"), { timeout: WAIT });
    await click(browser, "nav-home");
    await visible(browser, sel("home-welcome"));
    await browser.waitUntil(async () => !(await urgentRows()).some((t) => t.includes(invitee) && t.includes(URGENT)), {
      timeout: WAIT,
      timeoutMsg: `the alert for ${invitee} did not clear`,
    });
    await screenshot(browser, "checkups-home-cleared");
  });

  step("the resident's health page shows the reading and the trend chart", async () => {
    await click(browser, "nav-residents");
    await typeInto(browser, "resident-search", invitee);
    await clickSel(browser, `[data-test="resident-row"][data-name="${invitee}"] [data-test="resident-link"]`);
    // 服务记录 on the resident's page counts the check-up (no placeholder text any more).
    await waitForText(browser, "services-health-counts", (t) => /体检 [1-9]\d* 次/.test(t), {
      what: "the check-up count",
    });
    await browser.execute(() => document.querySelector(".cd-content")?.scrollTo(0, 100000));
    await screenshot(browser, "resident-services-scrolled");
    await click(browser, "resident-health-link");
    await visible(browser, sel("health-trends"));
    await browser.waitUntil(async () => /185\/112/.test(await textOf(browser, "health-checkups")), {
      timeout: WAIT,
      timeoutMsg: "the health page does not show 185/112",
    });
    assert.ok(await isShown(browser, `${sel("health-trends")} canvas`), "the blood-pressure chart is drawn");
    await screenshot(browser, "checkups-health-page");
  });
});
