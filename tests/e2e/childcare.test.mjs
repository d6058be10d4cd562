// After-school care, end to end against the real app binary, on a demo database made with the
// `caredesk` command line: create a program (Mon–Fri, ages 6–12, this term, 300 元 a month, the
// administrator as its staff), enrol a child of the registry with the guardian's consent, add a
// guardian from outside the registry and a barred person, print the cards (a PDF appears; the barred
// person gets none), sign the child in at the desk, see the barred person's pick-up refused in red,
// hand the child to the guardian, print the day's 签到签退表 naming the child, and fill the month's
// 值班表 with 自动排班 (one a day: no open day left without someone) and print it.
//
// The app and the command line run on a clock that starts at CAREDESK_E2E_NOW (scripts/e2e.sh:
// Monday 2026-11-30 09:30 Beijing time): a Monday inside the program's term, so the desk is open.

import { describe, after } from "node:test";
import assert from "node:assert/strict";
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
  textOfElement,
  typeInto,
  visible,
  waitForText,
  officeCli,
  printedText,
  typeDate,
} from "./lib/app.mjs";

const PASSWORD = "Passw0rd!";
const TODAY = "2026-11-30";
const PROGRAM = "端到端四点半课堂";
const GUARDIAN = "端木青";
const BARRED = "欧阳强";
const ADMIN = "admin";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "caredesk-e2e-childcare-"));
const dbFile = path.join(dataDir, "caredesk.db");

const cli = officeCli(dbFile, PASSWORD);
const printed = () => printedText(browser, dataDir);
const typeDay = (name, value) => typeDate(browser, name, value);

/** Pinyin initials to look children up by, the commonest surnames first. */
const INITIALS = ["w", "l", "z", "c", "y", "h", "s", "x", "m", "j", "g", "d", "t", "f", "q", "b", "p", "k"];

/**
 * Types `initial` into the enrolment's resident picker and returns the first option (not in `tried`)
 * whose label says an age of 6–12 ("王小明（男，8 岁）…"), or null when this search shows none.
 */
async function childCandidate(initial, tried) {
  await typeInto(browser, "enrol-resident", initial);
  const shown = async () => {
    const out = [];
    for (const o of await browser.$$(sel("resident-picker-option"))) {
      if (await o.isDisplayed().catch(() => false)) out.push(o);
    }
    return out;
  };
  // The picker searches 300 ms after typing stops; until its answer, the last search's options show.
  await browser.pause(1000);
  // An initial nobody's name starts with shows nothing.
  await browser.waitUntil(async () => (await shown()).length > 0, { timeout: 8000 }).catch(() => {});
  for (const option of await shown()) {
    const label = (await textOfElement(browser, option)).trim();
    const age = Number(/（[男女]，(\d+) 岁）/.exec(label)?.[1] ?? -1);
    if (age >= 6 && age <= 12 && !tried.has(label)) return { option, label };
  }
  return null;
}

let browser = null;
const { step, failed } = scenario("childcare", () => browser);

describe("after-school care", () => {
  let programId = "";
  let childName = "";

  after(async () => {
    if (browser) await browser.deleteSession().catch(() => {});
    if (!failed()) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  step("prepare a demo database and sign in", async () => {
    cli("init", "--office", "中阳楼街道办事处", "--admin", "admin");
    cli("--user", "admin", "demo", "--residents", "400", "--seed", "11");
    browser = await startApp({ args: ["--data-dir", dataDir] });
    await visible(browser, sel("login-username"), { timeout: 60_000 });
    assert.equal(await submitLogin(browser, "admin", PASSWORD), "");
    await click(browser, "nav-childcare");
    await visible(browser, sel("programs-table"));
  });

  step("create a program for this term, Monday to Friday, ages 6–12", async () => {
    await click(browser, "program-add");
    await visible(browser, sel("program-drawer"));
    await typeInto(browser, "program-name", PROGRAM);
    await typeInto(browser, "program-place", "双桥社区党群服务中心二楼");
    // The defaults: this school term, ages 6–12, Monday to Friday, 16:30–18:30.
    assert.equal(await (await field(browser, "program-term-start")).getValue(), "2026-09-01");
    assert.equal(await (await field(browser, "program-term-end")).getValue(), "2027-01-20");
    assert.equal(await (await field(browser, "program-min-age")).getValue(), "6");
    assert.equal(await (await field(browser, "program-max-age")).getValue(), "12");
    await click(browser, "program-weekdays-workdays");
    await typeInto(browser, "program-monthly-fee", "300");
    await typeInto(browser, "program-reduced-fee", "100");
    // The staff who work the program: the administrator (the demo adds no other 托育 / 管理员 user;
    // a user without a display name is shown by the user name).
    await click(browser, "program-staff");
    let adminOption = "";
    await browser.waitUntil(
      async () => {
        for (const option of await browser.$$('[data-test^="program-staff-option-"]')) {
          try {
            if (!(await option.isDisplayed())) continue;
            if ((await textOfElement(browser, option)).trim() !== ADMIN) continue;
            adminOption = await option.getAttribute("data-test");
            return true;
          } catch {
            // re-rendered: look again
          }
        }
        return false;
      },
      { timeout: WAIT, timeoutMsg: `no 工作人员 option ${ADMIN}` },
    );
    await click(browser, adminOption);
    await waitForText(browser, "program-staff", (t) => t.includes(ADMIN), { what: "the administrator as staff" });
    // Close the options (a click beside them; Esc would close the drawer).
    await click(browser, "program-place");
    await click(browser, "program-form-save");
    // A new program opens its page.
    await waitForText(browser, "program-title", (t) => t.includes(PROGRAM), { what: "the new program's page" });
    const url = await browser.getUrl();
    programId = /programs\/(\d+)/.exec(url)?.[1] ?? "";
    assert.ok(programId, `the program's id in ${url}`);
    await click(browser, "program-back");
    const row = await visible(browser, `${sel("program-row")}[data-name="${PROGRAM}"]`);
    assert.equal(await row.getAttribute("data-id"), programId);
    // textContent: WebKitWebDriver's element text leaves out cells whose text wraps.
    const text = String(await browser.execute((e) => e.textContent, row));
    assert.match(text, /6–12\s*岁[\s\S]*0 \/ 30[\s\S]*工作日/);
    assert.ok(text.includes("每月 300.00 元，低保减免后 100.00 元"), `the fees in the row: ${text}`);
    await screenshot(browser, "childcare-programs");
    // The name cell: the row's middle may be one of its buttons.
    await clickSel(browser, `${sel("program-row")}[data-name="${PROGRAM}"] td`);
    await visible(browser, sel("program-summary"));
    await waitForText(browser, "program-staff-names", (t) => t.includes(ADMIN), { what: "the program's staff" });
  });

  step("enrol a child aged 6–12 from the registry, with the guardian's consent", async () => {
    await click(browser, "enrol-open");
    await visible(browser, sel("enrol-dialog"));
    await typeDay("enrol-consent-date", TODAY);
    await typeInto(browser, "enrol-consent-by", "母亲");
    await typeInto(browser, "enrol-school", "双桥小学");
    await typeInto(browser, "enrol-class", "三年级二班");
    // Children are a few of the 400 residents: look them up by pinyin initials and take one whose
    // age fits; the core refuses one who moved away or died (then try the next).
    const tried = new Set();
    const errorShown = () =>
      isShown(browser, `${sel("enrol-dialog")} [data-test^="field-error-"], ${sel("enrol-error")}`);
    let enrolled = false;
    for (const initial of INITIALS) {
      while (!enrolled) {
        const candidate = await childCandidate(initial, tried);
        if (!candidate) break;
        tried.add(candidate.label);
        await candidate.option.click();
        // Picking another child clears the error the last one got.
        await browser.waitUntil(async () => !(await errorShown()), {
          timeout: 5000,
          timeoutMsg: "the last error stayed after picking another child",
        });
        await click(browser, "enrol-save");
        await browser.waitUntil(async () => !(await isShown(browser, sel("enrol-dialog"))) || (await errorShown()), {
          timeout: WAIT,
          timeoutMsg: "the enrolment neither saved nor showed an error",
        });
        enrolled = !(await isShown(browser, sel("enrol-dialog")));
        if (enrolled) {
          childName = candidate.label.split("（")[0].trim();
        } else {
          // Only the child may be at fault: the consent and the rest were filled in.
          assert.ok(
            await isShown(browser, sel("field-error-residentId")),
            `an error on another field: ${await textOf(browser, "enrol-dialog")}`,
          );
        }
      }
      if (enrolled) break;
    }
    assert.ok(enrolled, `a child aged 6–12 was enrolled (tried ${[...tried].join("; ")})`);
    const row = await visible(browser, `${sel("enrolment-row")}[data-name="${childName}"]`);
    assert.equal(await row.getAttribute("data-status"), "enrolled");
    await waitForText(browser, "program-counts", (t) => t.includes("在托 1"), { what: "one child enrolled" });
    await screenshot(browser, "childcare-program");
  });

  // The drawer slides in: a click during the slide can land beside the button, so click again
  // until the dialog is up.
  async function openPersonDialog() {
    for (let attempt = 1; ; attempt++) {
      await click(browser, "person-add");
      const up = await browser
        .waitUntil(() => isShown(browser, sel("person-dialog")), { timeout: 3000 })
        .catch(() => false);
      if (up) return;
      assert.ok(attempt < 4, "the 添加接送人 dialog did not open");
    }
  }

  step("add a guardian from outside the registry and a barred person", async () => {
    await clickSel(browser, `${sel("enrolment-row")}[data-name="${childName}"] ${sel("enrolment-persons")}`);
    await visible(browser, sel("persons-drawer"));
    await visible(browser, sel("persons-table"));

    await openPersonDialog();
    await typeInto(browser, "person-name", GUARDIAN);
    await click(browser, "person-adult");
    await typeInto(browser, "person-relationship", "姨妈");
    await typeInto(browser, "person-phone", "13600001234");
    await click(browser, "person-save");
    await visible(browser, `${sel("person-row")}[data-name="${GUARDIAN}"][data-status="allowed"]`);

    await openPersonDialog();
    await typeInto(browser, "person-name", BARRED);
    await typeInto(browser, "person-relationship", "舅舅");
    await click(browser, "person-status-barred");
    await click(browser, "person-save");
    const barred = await visible(browser, `${sel("person-row")}[data-name="${BARRED}"][data-status="barred"]`);
    assert.match(await textOfElement(browser, barred), /禁止接送/);
    await screenshot(browser, "childcare-persons");
    await browser.keys("Escape");
    await browser.waitUntil(async () => !(await isShown(browser, sel("persons-drawer"))), {
      timeout: WAIT,
      timeoutMsg: "the persons drawer stayed open",
    });
  });

  step("print the cards: a PDF with the child's and the guardian's cards, none for the barred", async () => {
    await click(browser, "program-print-cards");
    const text = await printed();
    assert.ok(text.includes(childName), `the cards name ${childName}`);
    assert.ok(text.includes(GUARDIAN), `a 接送卡 for ${GUARDIAN}`);
    assert.ok(!text.includes(BARRED), `no card for ${BARRED}`);
  });

  step("at the desk, sign the child in", async () => {
    await click(browser, "childcare-tab-childcare-desk");
    await visible(browser, sel("desk-scan"));
    // A program chosen earlier on this PC may be another one: choose ours.
    for (let attempt = 1; ; attempt++) {
      if ((await textOf(browser, "desk-program")).includes(PROGRAM)) break;
      await click(browser, "desk-program");
      try {
        await click(browser, `desk-program-option-${programId}`, { timeout: 4000 });
      } catch (e) {
        if (attempt >= 3) throw e;
        await browser.pause(500);
      }
    }
    const row = `${sel("desk-row")}[data-name="${childName}"]`;
    await visible(browser, `${row}[data-state="not_arrived"]`);
    await screenshot(browser, "childcare-desk");
    await clickSel(browser, `${row} ${sel("desk-sign-in")}`);
    await visible(browser, `${row}[data-state="in"]`);
    await waitForText(browser, "desk-signed-in", (t) => t.includes(childName) && t.includes("家长送"), {
      what: "the child signed in",
    });
  });

  step("the barred person is refused in red", async () => {
    const row = `${sel("desk-row")}[data-name="${childName}"]`;
    await clickSel(browser, `${row} ${sel("desk-sign-out")}`);
    await visible(browser, sel("signout-dialog"));
    await clickSel(browser, `${sel("signout-person")}[data-name="${BARRED}"]`);
    await visible(browser, sel("desk-refused"));
    await waitForText(browser, "desk-refused-message", (t) => t.includes("禁止接送") && t.includes(BARRED), {
      what: "the core's refusal",
    });
    // Still in: nobody took the child.
    await visible(browser, `${row}[data-state="in"]`);
    await screenshot(browser, "childcare-refused");
  });

  step("the guardian takes the child home", async () => {
    const row = `${sel("desk-row")}[data-name="${childName}"]`;
    await clickSel(browser, `${row} ${sel("desk-sign-out")}`);
    await visible(browser, sel("signout-dialog"));
    await clickSel(browser, `${sel("signout-person")}[data-name="${GUARDIAN}"]`);
    await waitForText(browser, "desk-left-with", (t) => t.includes(GUARDIAN), { what: "the guardian named" });
    await visible(browser, `${row}[data-state="left"]`);
  });

  step("print the day's 签到签退表: a PDF naming the child", async () => {
    await click(browser, "desk-print-roster");
    const text = await printed();
    assert.ok(text.includes(childName), `the roster names ${childName}`);
    assert.ok(text.includes(GUARDIAN), `the roster names who took ${childName}`);
  });

  step("值班表: 自动排班 puts someone on every open day of the month, and the month prints", async () => {
    await click(browser, "childcare-tab-childcare-duty");
    await visible(browser, sel("duty-page"));
    // The desk's program is remembered, but choose ours in case.
    for (let attempt = 1; ; attempt++) {
      if ((await textOf(browser, "duty-program")).includes(PROGRAM)) break;
      await click(browser, "duty-program");
      try {
        await click(browser, `duty-program-option-${programId}`, { timeout: 4000 });
      } catch (e) {
        if (attempt >= 3) throw e;
        await browser.pause(500);
      }
    }
    // The month under way (the clock's: November 2026), today a Monday the program opens.
    assert.equal(await (await field(browser, "duty-month")).getValue(), TODAY.slice(0, 7));
    const todayRow = `${sel("duty-row")}[data-day="${TODAY}"][data-open="true"]`;
    await visible(browser, todayRow);
    await waitForText(browser, "duty-unstaffed", (t) => /开放 \d+ 天，[1-9]\d* 天未排班/.test(t), {
      what: "the open days, none staffed yet",
    });
    await screenshot(browser, "childcare-duty");

    await click(browser, "duty-fill");
    await visible(browser, sel("duty-fill-dialog"));
    await typeInto(browser, "duty-per-day", "1");
    await click(browser, "duty-fill-confirm");
    await browser.waitUntil(async () => !(await isShown(browser, sel("duty-fill-dialog"))), {
      timeout: WAIT,
      timeoutMsg: "the 自动排班 dialog stayed open",
    });
    const summary = await waitForText(browser, "duty-unstaffed", (t) => /开放 \d+ 天，0 天未排班/.test(t), {
      what: "every open day staffed",
    });
    const openDays = Number(/开放 (\d+) 天/.exec(summary)?.[1] ?? 0);
    assert.ok(openDays > 0, `open days in ${summary}`);
    // 自动排班 plans from today on (the past days are a record): the administrator, the only staff,
    // is on duty today, the last open day of November.
    await waitForText(browser, "duty-count", (t) => t.includes(`${ADMIN} 1 天`), {
      what: "the administrator's days",
    });
    // textContent: WebKitWebDriver's element text leaves out cells whose text wraps.
    const todayText = String(await browser.execute((e) => e.textContent, await visible(browser, todayRow)));
    assert.ok(todayText.includes(ADMIN), `on duty today: ${todayText}`);
    assert.ok(!todayText.includes("未排班"), `today is staffed: ${todayText}`);
    await screenshot(browser, "childcare-duty-filled");

    await click(browser, "duty-print");
    const text = await printed();
    assert.ok(text.includes(PROGRAM), `the 值班表 names ${PROGRAM}`);
    assert.ok(text.includes(ADMIN), `the 值班表 names ${ADMIN}`);
    assert.match(text, /，\s*0\s*天\s*未\s*排\s*班/, "the 值班表 says no open day is unstaffed");
  });
});
