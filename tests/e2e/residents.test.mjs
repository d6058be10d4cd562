// Residents registry, end to end against the real app binary, on a database of its own prepared with
// the `caredesk` command line: a wrong ID number shows the error on its field; a good one fills birth
// date and sex; the saved resident is found by pinyin initials; an import with errors shows them and
// imports nothing until confirmed; the list exported with full values imports back as 无变化 (小区
// and 户 kept), and a 小区 cell emptied in the sheet is named as 将清空 before it clears.
//
// Run through scripts/e2e.sh (Xvfb, tauri-driver, CAREDESK_E2E_OPEN_FILE and CAREDESK_CLI_BIN).

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
const WRONG_CHECK_DIGIT = "110105194912310021";
const GOOD_ID = "11010519491231002x";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "caredesk-e2e-residents-"));
const dbFile = path.join(dataDir, "caredesk.db");

function cli(...args) {
  const bin = process.env.CAREDESK_CLI_BIN;
  if (!bin) throw new Error("CAREDESK_CLI_BIN is not set: run through scripts/e2e.sh");
  return execFileSync(bin, ["--db", dbFile, ...args], {
    env: { ...process.env, CAREDESK_PASSWORD: PASSWORD, CAREDESK_USER: "" },
    encoding: "utf8",
  });
}

/** A valid ID number (GB 11643 check character) from its first 17 digits. */
function withCheck(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

function countFound(text) {
  const out = cli("--user", "admin", "residents", "search", text, "--json");
  return JSON.parse(out).total;
}

let browser = null;
const { step, failed } = scenario("residents", () => browser);

/** The value of the input named `name`. */
async function inputValue(name) {
  const input = await field(browser, name);
  return input.getValue();
}

describe("residents registry", () => {
  after(async () => {
    if (browser) await browser.deleteSession().catch(() => {});
    if (!failed()) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  step("prepare a database and sign in", async () => {
    cli("init", "--office", "中阳楼街道办事处", "--admin", "admin");
    cli("--user", "admin", "communities", "add", "双桥社区");
    browser = await startApp({ args: ["--data-dir", dataDir] });
    await visible(browser, sel("login-username"), { timeout: 60_000 });
    const error = await submitLogin(browser, "admin", PASSWORD);
    assert.equal(error, "");
    await click(browser, "nav-residents");
    await visible(browser, sel("resident-empty"));
  });

  step("a wrong ID number shows the error on its field", async () => {
    await click(browser, "resident-add");
    await typeInto(browser, "resident-name", "王秀英");
    await typeInto(browser, "resident-id-number", WRONG_CHECK_DIGIT);
    const message = await waitForText(browser, "field-error-idNumber", (t) => t.length > 0, {
      what: "an error under the ID number",
    });
    assert.match(message, /校验|身份证/);
    await screenshot(browser, "residents-wrong-id");
  });

  step("a good ID number fills birth date and sex", async () => {
    await typeInto(browser, "resident-id-number", GOOD_ID);
    await browser.waitUntil(async () => (await inputValue("resident-birth-date")) === "1949-12-31", {
      timeout: WAIT,
      timeoutMsg: "birth date was not filled from the ID number",
    });
    await waitForText(browser, "resident-sex", (t) => t.includes("女"), { what: "女" });
    assert.equal(await textOf(browser, "field-error-idNumber"), "");
    await typeInto(browser, "resident-phone", "13803561234");
    await screenshot(browser, "residents-form-filled");
    await click(browser, "resident-save");
    await visible(browser, ".el-message--success");
    await browser.waitUntil(async () => !(await isShown(browser, sel("resident-save"))), {
      timeout: WAIT,
      timeoutMsg: "the form did not close after saving",
    });
  });

  step("the resident is found by pinyin initials, masked", async () => {
    await typeInto(browser, "resident-search", "wxy");
    const row = await visible(browser, '[data-test="resident-row"][data-name="王秀英"]');
    const text = await row.getText();
    assert.match(text, /110105\*{8}002X/);
    assert.match(text, /138\*{4}1234/);
    await typeInto(browser, "resident-search", "zzz");
    await browser.waitUntil(async () => !(await isShown(browser, '[data-test="resident-row"][data-name="王秀英"]')), {
      timeout: WAIT,
      timeoutMsg: "a search for zzz still shows 王秀英",
    });
    await screenshot(browser, "residents-list");
  });

  step("an import with errors shows them and writes nothing until confirmed", async () => {
    const sheet = process.env.CAREDESK_E2E_OPEN_FILE;
    assert.ok(sheet, "CAREDESK_E2E_OPEN_FILE is set by scripts/e2e.sh");
    fs.writeFileSync(
      sheet,
      "双桥社区居民名单\n姓名,公民身份号码,手机号,所属社区\n李建国,110105195003020134,13912345678,双桥社区\n" +
        `赵坏号,${WRONG_CHECK_DIGIT},,双桥社区\n合计,2,,\n`,
    );
    await click(browser, "resident-import");
    await click(browser, "import-choose");
    const counts = await visible(browser, sel("import-counts"));
    await browser.waitUntil(async () => (await counts.getAttribute("data-error")) === "1", { timeout: WAIT });
    assert.equal(await counts.getAttribute("data-new"), "1");
    const bad = await visible(browser, '[data-test="import-row"][data-outcome="error"]');
    assert.match(await bad.getText(), /公民身份号码/);
    await screenshot(browser, "residents-import-preview");
    assert.equal(countFound("李建国"), 0, "the preview wrote nothing");

    await click(browser, "import-confirm");
    await clickSel(browser, ".el-message-box__btns .el-button--primary");
    await waitForText(browser, "import-result", (t) => t.includes("新增 1"), { what: "新增 1 in the result" });
    assert.equal(countFound("李建国"), 1);
    assert.equal(countFound("赵坏号"), 0, "the row with an error was not imported");
    await screenshot(browser, "residents-import-result");
  });

  step("the exported list imports back unchanged; an emptied 小区 is named before it clears", async () => {
    const places = path.join(dataDir, "places.csv");
    fs.writeFileSync(places, "社区,网格,小区\n双桥社区,,欣园小区\n");
    cli("--user", "admin", "communities", "import", places);
    const sunId = withCheck("11010519520304011");
    const family = path.join(dataDir, "family.csv");
    fs.writeFileSync(
      family,
      `姓名,身份证号,社区,小区,户号,与户主关系\n孙桂兰,${sunId},双桥社区,欣园小区,H7,户主\n孙小燕,${withCheck("11010519800101002")},双桥社区,欣园小区,H7,子女\n`,
    );
    cli("--user", "admin", "residents", "import", family);

    await click(browser, "nav-residents");
    await click(browser, "resident-export");
    await visible(browser, sel("resident-export-dialog"));
    await click(browser, "resident-export-reveal");
    await click(browser, "resident-export-submit");
    await visible(browser, ".el-message--success");
    const saveDir = process.env.CAREDESK_E2E_SAVE_DIR;
    const exported = fs
      .readdirSync(saveDir)
      .filter((f) => f.endsWith(".xlsx"))
      .map((f) => path.join(saveDir, f))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    assert.ok(exported, "the export was saved");
    fs.copyFileSync(exported, process.env.CAREDESK_E2E_OPEN_FILE);

    await click(browser, "resident-import");
    await click(browser, "import-choose");
    const counts = await visible(browser, sel("import-counts"));
    await browser.waitUntil(async () => Number(await counts.getAttribute("data-total")) >= 4, { timeout: WAIT });
    const total = await counts.getAttribute("data-total");
    assert.equal(await counts.getAttribute("data-unchanged"), total, "every row of the unchanged export is 无变化");
    assert.equal(await counts.getAttribute("data-clearing"), "0");
    const ignored = await (await visible(browser, sel("import-step-preview"))).getText();
    assert.match(ignored, /序号/);
    assert.match(ignored, /年龄/);
    await screenshot(browser, "residents-import-roundtrip");

    // The clerk empties 孙桂兰's 小区 in the sheet: the preview names it, and only 确认导入 clears it.
    fs.writeFileSync(process.env.CAREDESK_E2E_OPEN_FILE, `姓名,身份证号,小区\n孙桂兰,${sunId},\n`);
    await click(browser, "nav-residents");
    await click(browser, "resident-import");
    await click(browser, "import-choose");
    await waitForText(browser, "import-row-cleared", (t) => t.includes("将清空：小区"), { what: "将清空：小区" });
    await visible(browser, sel("import-clearing"));
    await screenshot(browser, "residents-import-clearing");
    // A dry run of a sheet placing her in 欣园小区 tells whether she is still there.
    const placed = path.join(dataDir, "placed.csv");
    fs.writeFileSync(placed, `姓名,身份证号,小区\n孙桂兰,${sunId},欣园小区\n`);
    const inCompound = () =>
      JSON.parse(cli("--user", "admin", "residents", "import", placed, "--dry-run", "--json")).rows[0].outcome ===
      "unchanged";
    assert.ok(inCompound(), "the preview changed nothing");
    await click(browser, "import-confirm");
    const box = await visible(browser, ".el-message-box");
    assert.match(await box.getText(), /清空/);
    await clickSel(browser, ".el-message-box__btns .el-button--primary");
    await waitForText(browser, "import-result", (t) => t.includes("更新 1"), { what: "更新 1 in the result" });
    assert.ok(!inCompound(), "确认导入 cleared the compound");
  });
});
