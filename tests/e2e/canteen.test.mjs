// The community canteen, end to end against the real app binary, on a demo database made with the
// `caredesk` command line (a canteen, menus, subsidy rules, diners and the day's bookings): book a
// meal, find the day's bookings by a name, print the day's meal tickets (a PDF appears), read a ticket's QR code off the printed page
// (pdftoppm + zbarimg, as a scanner would), redeem it through the check-in input right after a name
// search with several matches, see the served count on the 今日 board go up, and see a second scan
// refused.
//
// The app and the command line run on a clock that starts at CAREDESK_E2E_NOW (scripts/e2e.sh:
// Monday 09:30 Beijing time), so lunch is still open for booking whenever CI runs.

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
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "caredesk-e2e-canteen-"));
const dbFile = path.join(dataDir, "caredesk.db");

function cli(...args) {
  const bin = process.env.CAREDESK_CLI_BIN;
  if (!bin) throw new Error("CAREDESK_CLI_BIN is not set: run through scripts/e2e.sh");
  return execFileSync(bin, ["--db", dbFile, ...args], {
    env: { ...process.env, CAREDESK_PASSWORD: PASSWORD, CAREDESK_USER: "" },
    encoding: "utf8",
  });
}

/** The QR codes on the first page of a PDF, decoded from a 150 dpi rendering. */
function qrCodes(pdf) {
  const png = path.join(dataDir, "tickets-page");
  execFileSync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", pdf, png]);
  const out = execFileSync("zbarimg", ["--raw", "-q", `${png}.png`], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

let browser = null;
const { step, failed } = scenario("canteen", () => browser);

async function number(name) {
  return Number((await textOf(browser, name)).trim());
}

async function servedToday() {
  let total = 0;
  for (const slot of ["breakfast", "lunch", "dinner"]) {
    if (await isShown(browser, sel(`board-served-${slot}`))) total += await number(`board-served-${slot}`);
  }
  return total;
}

async function openTab(name) {
  await click(browser, `canteen-tab-${name}`);
}

describe("community canteen", () => {
  let servedBefore = 0;
  let ticketCode = "";
  let servedName = "";

  after(async () => {
    if (browser) await browser.deleteSession().catch(() => {});
    if (!failed()) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  step("prepare a demo database with a canteen and sign in", async () => {
    cli("init", "--office", "中阳楼街道办事处", "--admin", "admin");
    cli("--user", "admin", "demo", "--residents", "400", "--seed", "11");
    browser = await startApp({ args: ["--data-dir", dataDir] });
    await visible(browser, sel("login-username"), { timeout: 60_000 });
    assert.equal(await submitLogin(browser, "admin", PASSWORD), "");
    await click(browser, "nav-canteen");
    await visible(browser, sel("canteen-board"));
    await visible(browser, sel("board-booked-lunch"));
    assert.ok((await number("board-booked-lunch")) > 0, "the demo books lunch for today");
    servedBefore = await servedToday();
    await screenshot(browser, "canteen-board");
  });

  step("book a meal for a diner", async () => {
    await openTab("canteen-bookings");
    await visible(browser, sel("bookings-table"));
    const countBefore = await textOf(browser, "bookings-count");
    await click(browser, "booking-new");
    await visible(browser, sel("booking-dialog"));
    // Dinner: the demo books few dinners, so most diners are free; try the next one on a clash.
    let booked = false;
    for (let attempt = 0; attempt < 6 && !booked; attempt++) {
      const input = await field(browser, "booking-diner");
      await input.click();
      const options = await browser.$$('[data-test^="diner-option-"]');
      const shown = [];
      for (const o of options) if (await o.isDisplayed().catch(() => false)) shown.push(o);
      assert.ok(shown.length > attempt, "diners to choose from");
      await shown[attempt].click();
      await clickSel(browser, sel("booking-slot-dinner"));
      await clickSel(browser, '[data-test^="booking-dish-"]');
      await screenshot(browser, "canteen-booking");
      await click(browser, "booking-save");
      await browser.waitUntil(
        async () =>
          !(await isShown(browser, sel("booking-dialog"))) ||
          (await isShown(browser, sel("booking-error"))) ||
          (await isShown(browser, '[data-test="booking-dialog"] .el-form-item__error')),
        { timeout: WAIT, timeoutMsg: "the booking neither saved nor showed an error" },
      );
      booked = !(await isShown(browser, sel("booking-dialog")));
    }
    assert.ok(booked, "a booking was saved");
    await waitForText(browser, "bookings-count", (t) => t !== countBefore, { what: "a changed booking count" });
  });

  step("the day's bookings are found by a diner's name", async () => {
    const first = await visible(browser, '[data-test="booking-row"]');
    const name = await first.getAttribute("data-name");
    const count = async () => Number((await textOf(browser, "bookings-count")).replace(/\D/g, ""));
    const all = await count();
    await (await field(browser, "bookings-search")).setValue(name);
    await browser.waitUntil(async () => (await count()) < all, {
      timeout: WAIT,
      timeoutMsg: `the list was not narrowed to ${name}`,
    });
    assert.equal(await (await visible(browser, '[data-test="booking-row"]')).getAttribute("data-name"), name);
    await screenshot(browser, "canteen-bookings-search");
  });

  step("print the day's meal tickets: a PDF appears", async () => {
    await openTab("canteen-print");
    // Opens on the core's service day (at 09:30, today), never on a remembered old date.
    await waitForText(browser, "print-date-banner", (t) => t.includes("（今天）"), { what: "today's date, large" });
    await click(browser, "print-doc-tickets");
    await click(browser, "print-generate");
    await visible(browser, sel("print-result"), { timeout: 60_000 });
    const name = (await textOf(browser, "print-file-name")).trim();
    const pdf = path.join(dataDir, "prints", name);
    assert.ok(fs.existsSync(pdf), `${pdf} exists`);
    const codes = qrCodes(pdf);
    assert.ok(codes.length >= 1 && codes.every((c) => c.startsWith("CD1-")), `ticket codes decoded: ${codes}`);
    ticketCode = codes[0];
    await screenshot(browser, "canteen-print");
  });

  step("after a name search with several matches, the scanned ticket is served; a second scan is refused", async () => {
    await openTab("canteen-checkin");
    // A pinyin initial that several of today's diners share; the matches stay listed.
    let several = false;
    for (const initial of ["w", "z", "l", "c", "y", "h"]) {
      await (await field(browser, "checkin-input")).setValue(initial);
      await browser.keys("Enter");
      await browser.waitUntil(
        async () =>
          (await isShown(browser, sel("checkin-matches"))) || (await isShown(browser, sel("checkin-no-match"))),
        {
          timeout: WAIT,
          timeoutMsg: "the name search showed nothing",
        },
      );
      several = (await browser.$$('[data-test^="checkin-match-"]')).length >= 2;
      if (several) break;
    }
    assert.ok(several, "a name search with several matches");
    await screenshot(browser, "canteen-checkin-matches");
    // The scanner types into the box as it is.
    const input = await field(browser, "checkin-input");
    await input.addValue(ticketCode);
    await browser.keys("Enter");
    await visible(browser, sel("checkin-result-ok"));
    assert.match(await textOf(browser, "checkin-payable"), /¥\d+\.\d\d/);
    servedName = (await textOf(browser, "checkin-name")).replace("★", "").trim();
    await screenshot(browser, "canteen-checkin-ok");
    const again = await field(browser, "checkin-input");
    await again.addValue(ticketCode);
    await browser.keys("Enter");
    await visible(browser, sel("checkin-result-error"));
    assert.match(await textOf(browser, "checkin-error-message"), /已于 \d\d:\d\d 核销/);
    await screenshot(browser, "canteen-checkin-refused");
  });

  step("the served count on the board goes up", async () => {
    await openTab("canteen");
    await visible(browser, sel("board-served-lunch"));
    await browser.waitUntil(async () => (await servedToday()) === servedBefore + 1, {
      timeout: WAIT,
      timeoutMsg: `served count did not go from ${servedBefore} to ${servedBefore + 1}`,
    });
  });

  step("the served diner's page lists the meal in 服务记录", async () => {
    const row = `[data-test="resident-row"][data-name="${servedName}"]`;
    // The links on screen, one per namesake.
    const links = async () => {
      await click(browser, "nav-residents");
      await typeInto(browser, "resident-search", servedName);
      await visible(browser, row);
      const out = [];
      for (const link of await browser.$$(`${row} [data-test="resident-link"]`)) {
        if (await link.isDisplayed().catch(() => false)) out.push(link);
      }
      return out;
    };
    // Namesakes are common: the diner is the one whose record has served meals.
    const namesakes = (await links()).length;
    let found = false;
    for (let i = 0; i < namesakes && !found; i++) {
      const shown = await links();
      // A name cell of a fixed column can sit under the table's other layers: click it in the page.
      await browser.execute((e) => e.click(), shown[i]);
      const card = await visible(browser, sel("services-health"));
      await card.scrollIntoView({ block: "center" });
      // textContent: WebKitWebDriver's element text leaves out table cells.
      const services = async () =>
        String(
          await browser.execute(() => document.querySelector('[data-test="resident-services"]')?.textContent ?? ""),
        );
      found = await browser
        .waitUntil(async () => /已核销[\s\S]*\d+\.\d\d/.test(await services()), { timeout: 5000 })
        .catch(() => false);
    }
    assert.ok(found, `one of the ${namesakes} residents named ${servedName} lists served meals by month`);
    await screenshot(browser, "resident-services");
  });
});
