// Foundation scenario, end to end against the real app binary:
// first-run set-up → log in → header → 系统设置 › 社区网格: add community and child grid →
// log out → five wrong passwords → account locked.
//
// Run through scripts/e2e.sh (it starts Xvfb and tauri-driver with a fresh CAREDESK_DATA_DIR).

import { describe, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";

import {
  WAIT,
  appBinary,
  click,
  clickSel,
  dataDir,
  field,
  isShown,
  screenshot,
  sel,
  scenario,
  startApp,
  submitLogin,
  textOf,
  treeNode,
  typeInto,
  visible,
  waitForAny,
  waitForText,
} from "./lib/app.mjs";

const OFFICE = "中阳楼街道办事处";
const ADMIN = "admin";
const PASSWORD = "Passw0rd!";
const WRONG_PASSWORD = "Wr0ngPass!";
const COMMUNITY = "双桥社区";
const GRID = "第一网格";
const DATE_RE = /\d{4}年\d{1,2}月\d{1,2}日 星期[一二三四五六日]/;

let browser = null;
const { step } = scenario("foundation", () => browser);

/** Makes sure the tree node `name` is displayed, expanding its collapsed ancestor if needed. */
async function showTreeNode(parentName, name) {
  const s = treeNode(name);
  try {
    return await visible(browser, s, { timeout: 5_000 });
  } catch {
    // el-tree renders children only once their parent is expanded: expand the parent and look again.
    const parent = await visible(browser, treeNode(parentName));
    const expanded = await browser.execute((el) => {
      const item = el.closest('.el-tree-node, [role="treeitem"]');
      if (!item) return "no-tree-item";
      if (item.getAttribute("aria-expanded") === "true") return "already-expanded";
      const icon = item.querySelector(".el-tree-node__expand-icon");
      (icon || el).click();
      return "clicked";
    }, parent);
    return visible(browser, s, { timeout: WAIT }).catch((err) => {
      throw new Error(`${err.message} (parent expand: ${expanded})`);
    });
  }
}

describe("foundation: set-up, login, communities, lockout", { timeout: 600_000 }, () => {
  after(async () => {
    if (browser) {
      try {
        await browser.deleteSession();
      } catch (err) {
        console.error(`(deleteSession failed: ${err.message})`);
      }
    }
  });

  step("start the app with a fresh data folder", async () => {
    const dir = dataDir();
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      throw new Error(`CAREDESK_DATA_DIR ${dir} is not empty: this test needs a fresh data folder (first-run set-up).`);
    }
    console.log(`# app: ${appBinary()}\n# data: ${dir}`);
    browser = await startApp();
  });

  step("first-run set-up", async () => {
    // A fresh data folder must show the set-up page, not the login page.
    const page = await waitForAny(browser, ["setup-office", "login-username", "header-office"], { timeout: 60_000 });
    assert.equal(page, "setup-office", "a fresh data folder should open on the first-run set-up page");
    await typeInto(browser, "setup-office", OFFICE);
    await typeInto(browser, "setup-username", ADMIN);
    await typeInto(browser, "setup-password", PASSWORD);
    await typeInto(browser, "setup-password2", PASSWORD);
    await screenshot(browser, "foundation-01-setup");
    await click(browser, "setup-submit");
    // Set-up is done when the login page (or, if the app signs in directly, the main frame) shows.
    await waitForAny(browser, ["login-username", "header-office"], { timeout: 60_000 });
  });

  step("log in", async () => {
    if (await isShown(browser, sel("login-username"))) {
      const error = await submitLogin(browser, ADMIN, PASSWORD);
      await waitForAny(browser, ["header-office"], { timeout: 30_000 }).catch(() => {
        throw new Error(`login as ${ADMIN} did not reach the main frame; login-error: ${JSON.stringify(error)}`);
      });
    }
    await visible(browser, sel("header-office"));
  });

  step("header shows office, date and user", async () => {
    await waitForText(browser, "header-office", (t) => t.includes(OFFICE), { what: `office name ${OFFICE}` });
    await waitForText(browser, "header-date", (t) => DATE_RE.test(t), { what: `a date like 2026年11月28日 星期六` });
    await visible(browser, sel("header-user"));
    await screenshot(browser, "foundation-02-main");
  });

  step("open 系统设置 › 社区网格", async () => {
    await click(browser, "nav-settings");
    await click(browser, "settings-communities");
    await visible(browser, sel("community-add-root"));
  });

  step(`add community ${COMMUNITY}`, async () => {
    await click(browser, "community-add-root");
    await typeInto(browser, "community-name", COMMUNITY);
    await click(browser, "community-save");
    await visible(browser, treeNode(COMMUNITY));
    // the dialog closes after a successful save
    await browser.waitUntil(async () => !(await isShown(browser, sel("community-save"))), {
      timeout: WAIT,
      timeoutMsg: "the add-community dialog did not close after saving",
    });
  });

  step(`add grid ${GRID} under ${COMMUNITY}`, async () => {
    const node = await visible(browser, treeNode(COMMUNITY));
    // The add-child button may only show on hover.
    await node.moveTo().catch(() => {});
    await clickSel(browser, sel("community-add-child"), { within: node });
    await field(browser, "community-name");
    // Contract: the kind select defaults to 网格 when the parent is a community.
    if (await isShown(browser, sel("community-kind"))) {
      const kind = await textOf(browser, "community-kind");
      const value = await (await field(browser, "community-kind", { timeout: 1000 }).catch(() => null))?.getValue();
      assert.ok(
        `${kind} ${value ?? ""}`.includes("网格"),
        `community-kind should default to 网格 under a community; shows ${JSON.stringify(kind)}`,
      );
    }
    await typeInto(browser, "community-name", GRID);
    await click(browser, "community-save");
    await browser.waitUntil(async () => !(await isShown(browser, sel("community-save"))), {
      timeout: WAIT,
      timeoutMsg: "the add-grid dialog did not close after saving",
    });
    const child = await showTreeNode(COMMUNITY, GRID);
    // In an el-tree the child's tree item lies inside the parent's tree item.
    const parent = await visible(browser, treeNode(COMMUNITY));
    const nested = await browser.execute(
      (p, c) => {
        const item = p.closest('.el-tree-node, [role="treeitem"]');
        return item ? item !== c.closest('.el-tree-node, [role="treeitem"]') && item.contains(c) : null;
      },
      parent,
      child,
    );
    assert.notEqual(nested, false, `${GRID} should be shown under ${COMMUNITY} in the tree`);
    await browser.pause(500); // let the tree's expand animation end before the picture
    await screenshot(browser, "foundation-03-communities");
  });

  step("log out", async () => {
    if (!(await isShown(browser, sel("logout-button")))) {
      // the log-out entry may live in the user menu of the header
      await click(browser, "header-user");
    }
    await click(browser, "logout-button");
    // Accept a confirmation box, if the UI asks.
    const confirm = ".el-message-box__btns .el-button--primary";
    await browser.waitUntil(
      async () => {
        if (await isShown(browser, sel("login-username"))) return true;
        if (await isShown(browser, confirm)) await clickSel(browser, confirm).catch(() => {});
        return false;
      },
      { timeout: WAIT, interval: 250, timeoutMsg: "the login page did not show after logging out" },
    );
  });

  step("a wrong password is refused with a message about the password", async () => {
    const text = await submitLogin(browser, ADMIN, WRONG_PASSWORD);
    const shown = text.includes("密码")
      ? text
      : await waitForText(browser, "login-error", (t) => t.includes("密码"), { what: "a message containing 密码" });
    assert.match(shown, /[\u4e00-\u9fff]/, "the login error should be in Chinese");
    assert.ok(!(await isShown(browser, sel("header-office"))), "a wrong password must not sign in");
  });

  step("five wrong passwords lock the account", async () => {
    for (let attempt = 2; attempt <= 5; attempt++) {
      await submitLogin(browser, ADMIN, WRONG_PASSWORD);
      assert.ok(!(await isShown(browser, sel("header-office"))), `wrong password #${attempt} must not sign in`);
    }
    await waitForText(browser, "login-error", (t) => t.includes("锁定"), {
      timeout: 30_000,
      what: "a message saying the account is locked (锁定) after five wrong passwords",
    });
    await screenshot(browser, "foundation-04-locked");
  });
});
