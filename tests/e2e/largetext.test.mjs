// 大字模式 on a 1366×768 screen, end to end against the real app binary, on a demo database made with
// the `caredesk` command line: with large text switched on, the residents list, the canteen's 订餐
// and the 随访任务 list each show their first row's action button inside the table's visible area
// and inside the window, with no horizontal scrollbar, and 状态 is not covered by the fixed 操作
// column (issue 12). Large text is switched off at the end.
//
// scripts/e2e.sh runs Xvfb with a 1366×768 screen; the window is also asked for that size, since
// without a window manager the app's request to open maximised may not be honoured.

// The functions given to browser.execute run in the app's window.
/* global document, window */

import { describe, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { WAIT, click, screenshot, sel, scenario, startApp, submitLogin, visible } from "./lib/app.mjs";

const PASSWORD = "Passw0rd!";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "caredesk-e2e-largetext-"));
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
const { step, failed } = scenario("largetext", () => browser);

const isLarge = () => browser.execute(() => document.documentElement.classList.contains("cd-large-text"));

async function setLargeText(on) {
  if ((await isLarge()) === on) return;
  await click(browser, "large-text-switch");
  await browser.waitUntil(async () => (await isLarge()) === on, {
    timeout: WAIT,
    timeoutMsg: `大字模式 did not turn ${on ? "on" : "off"}`,
  });
}

/**
 * Where the first `button` of the displayed `table` lies against the table's scrolling body and the
 * window, after scrolling the page (never the table) so that the row is in view; and, with `status`,
 * whether that row's status tag ends before the 操作 cell begins.
 */
function measure(table, button, status) {
  return browser.execute(
    (tableSel, buttonSel, statusSel) => {
      const tables = [...document.querySelectorAll(tableSel)].filter((t) => t.offsetParent !== null);
      const root = tables[0];
      if (!root) return { error: `no displayed ${tableSel}` };
      const wrap =
        root.querySelector(".el-table__body-wrapper .el-scrollbar__wrap") ||
        root.querySelector(".el-table__body-wrapper");
      const btn = root.querySelector(buttonSel);
      if (!wrap || !btn) return { error: `no ${buttonSel} in ${tableSel}` };
      const main = document.querySelector(".cd-content");
      const first = btn.getBoundingClientRect();
      if (main && first.bottom > window.innerHeight) main.scrollTop += first.bottom - window.innerHeight + 20;
      const rect = (el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      const out = {
        button: rect(btn),
        body: rect(wrap),
        innerWidth: window.innerWidth,
        innerHeight: window.innerHeight,
        scrollWidth: wrap.scrollWidth,
        clientWidth: wrap.clientWidth,
        scrollLeft: wrap.scrollLeft,
      };
      if (statusSel) {
        const row = btn.closest("tr");
        const tag = row && row.querySelector(statusSel);
        const cell = btn.closest("td");
        if (!tag || !cell) return { ...out, error: `no ${statusSel} in the row of ${buttonSel}` };
        out.status = rect(tag);
        out.actionsCell = rect(cell);
      }
      return out;
    },
    sel(table),
    button,
    status ? sel(status) : null,
  );
}

function problems(m) {
  if (m.error) return [m.error];
  const p = [];
  const { button: b, body } = m;
  if (m.scrollWidth > m.clientWidth + 1) p.push(`scrolls sideways (${m.scrollWidth} > ${m.clientWidth})`);
  if (m.scrollLeft !== 0) p.push(`scrolled sideways by ${m.scrollLeft}`);
  if (b.left < body.left - 1 || b.right > body.right + 1) p.push("button outside the table's visible body");
  if (b.left < 0 || b.right > m.innerWidth || b.top < 0 || b.bottom > m.innerHeight)
    p.push("button outside the window");
  if (m.status) {
    if (m.status.right > m.actionsCell.left + 1) p.push("状态 lies under the 操作 column");
    if (m.status.left < body.left - 1 || m.status.right > body.right + 1)
      p.push("状态 outside the table's visible body");
  }
  return p;
}

/** Waits (el-table lays out after rendering) until the action button fits, else fails with the figures. */
async function assertFits(what, table, button, status = null) {
  let last = null;
  try {
    await browser.waitUntil(
      async () => {
        last = await measure(table, button, status);
        return problems(last).length === 0;
      },
      { timeout: 8000, interval: 300 },
    );
  } catch {
    assert.fail(`${what}: ${problems(last).join("; ")} — ${JSON.stringify(last)}`);
  }
}

describe("大字模式 at 1366×768", () => {
  after(async () => {
    if (browser) {
      // Leave the user as found even when a step failed.
      await setLargeText(false).catch(() => {});
      await browser.deleteSession().catch(() => {});
    }
    if (!failed()) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  step("prepare a demo database, sign in and switch 大字模式 on", async (t) => {
    cli("init", "--office", "中阳楼街道办事处", "--admin", "admin");
    cli("--user", "admin", "demo", "--residents", "400", "--seed", "11");
    browser = await startApp({ args: ["--data-dir", dataDir] });
    await visible(browser, sel("login-username"), { timeout: 60_000 });
    assert.equal(await submitLogin(browser, "admin", PASSWORD), "");
    try {
      await browser.setWindowSize(1366, 768);
    } catch (err) {
      t.diagnostic(`the window could not be resized (${err.message}); testing at its own size`);
    }
    const size = await browser.execute(() => [window.innerWidth, window.innerHeight]);
    t.diagnostic(`window content ${size[0]}×${size[1]}`);
    assert.ok(size[0] <= 1366, `the window is no wider than 1366 (${size[0]})`);
    await setLargeText(true);
  });

  step("居民档案: 编辑 and 状态 in sight", async () => {
    await click(browser, "nav-residents");
    await visible(browser, sel("resident-row"));
    await screenshot(browser, "large-residents");
    await assertFits("residents", "resident-table", sel("resident-edit"), "resident-status");
  });

  step("订餐: 取消 and 状态 in sight", async () => {
    await click(browser, "nav-canteen");
    await click(browser, "canteen-tab-canteen-bookings");
    await visible(browser, sel("booking-row"));
    // The demo books today's lunch, still open at 09:30: those bookings can be cancelled.
    await visible(browser, '[data-test^="booking-cancel-"]');
    await screenshot(browser, "large-bookings");
    await assertFits("bookings", "bookings-table", '[data-test^="booking-cancel-"]', "booking-status");
  });

  step("随访任务: 记录随访 in sight", async () => {
    await click(browser, "nav-checkups");
    await click(browser, "checkups-tab-checkups-tasks");
    // The demo leaves its urgent referrals open (overdue), so the list is never empty.
    await visible(browser, sel("task-row"));
    await screenshot(browser, "large-tasks");
    await assertFits("tasks", "tasks-table", sel("task-record"));
  });

  step("switch 大字模式 off", async () => {
    await setLargeText(false);
    assert.equal(await isLarge(), false);
  });
});
