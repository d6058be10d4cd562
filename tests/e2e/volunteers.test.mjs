// Volunteers (志愿服务), end to end against the real app binary, on a demo database made with the
// `caredesk` command line: add a team, register an adult resident of the registry as a volunteer in
// it, pair them with an elder the core suggests (独居 first) from 1 November, weekly — never visited,
// so the row is red (逾期) and the home page lists overdue visits —, record today's visit (上门, 45
// minutes), see the mark give way to 最近走访, see the visit on the pairing's page, and print the
// 结对名单 naming the elder. Then plan this morning's activity with a need, sign the volunteer up,
// enter their times from the paper sheet, sign them in and out by name at the scan box, print the
// 签到表, confirm the hours, find the activity and the visit on their service record and issue a
// numbered 志愿服务证明.
//
// The app and the command line run on a clock that starts at CAREDESK_E2E_NOW (scripts/e2e.sh:
// Monday 2026-11-30 09:30 Beijing time). The demo may bring volunteers, teams and pairings of its
// own: this test makes its own team and volunteer (names that the demo does not use) and finds its
// pairing by its id.

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
  waitForAny,
  waitForText,
  officeCli,
  printedText,
  typeDate,
} from "./lib/app.mjs";

const PASSWORD = "Passw0rd!";
const TODAY = "2026-11-30";
const START = "2026-11-01";
const TEAM = "端到端银龄互助队";
const ACTIVITY = "端到端敬老义剪";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "caredesk-e2e-volunteers-"));
const dbFile = path.join(dataDir, "caredesk.db");

const cli = officeCli(dbFile, PASSWORD);
const printed = () => printedText(browser, dataDir);
const typeDay = (name, value) => typeDate(browser, name, value);

/** textContent: WebKitWebDriver's element text leaves out table cells whose text wraps. */
const contentOf = async (el) => String(await browser.execute((e) => e.textContent, el));

/** Pinyin initials to look residents up by, the commonest surnames first. */
const INITIALS = ["w", "l", "z", "c", "y", "h", "s", "x", "m", "j", "g", "d", "t", "f", "q", "b", "p", "k"];

/**
 * Types `initial` into the resident picker `picker` and returns the first displayed option (not in
 * `tried`) whose label ("王小明（男，35 岁）…") says an age `fits`, or null when this search shows none.
 */
async function residentCandidate(picker, initial, tried, fits) {
  await typeInto(browser, picker, initial);
  const shown = async () => {
    const out = [];
    for (const o of await browser.$$(sel("resident-picker-option"))) {
      if (await o.isDisplayed().catch(() => false)) out.push(o);
    }
    return out;
  };
  // The picker searches shortly after typing stops; until its answer, the last search's options show.
  await browser.pause(1000);
  await browser.waitUntil(async () => (await shown()).length > 0, { timeout: 8000 }).catch(() => {});
  for (const option of await shown()) {
    const label = (await textOfElement(browser, option)).trim();
    const age = Number(/（[男女]，(\d+) 岁）/.exec(label)?.[1] ?? -1);
    if (fits(age) && !tried.has(label)) return { option, label, name: label.split("（")[0].trim() };
  }
  return null;
}

/** The ids of the displayed rows named `name` (data-test `row`). */
async function rowIds(row, name = null) {
  const out = [];
  const selector = name ? `${sel(row)}[data-name="${name}"]` : sel(row);
  for (const el of await browser.$$(selector)) {
    try {
      if (await el.isDisplayed()) out.push(await el.getAttribute("data-id"));
    } catch {
      // re-rendered: skip
    }
  }
  return out;
}

/** Saves the open form (`save`) and waits until `dialog` closed or an error shows in it; true when saved. */
async function saveAndSettle(dialog, save) {
  const errorShown = () => isShown(browser, `${sel(dialog)} [data-test^="field-error-"], ${sel(dialog)} .form-error`);
  await click(browser, save);
  await browser.waitUntil(async () => !(await isShown(browser, sel(dialog))) || (await errorShown()), {
    timeout: WAIT,
    timeoutMsg: `${dialog} neither saved nor showed an error`,
  });
  return !(await isShown(browser, sel(dialog)));
}

let browser = null;
/**
 * Opens an Element Plus select until `option` shows: a click while a drawer is still sliding in
 * can land before the select is where it will be.
 */
async function chooseOption(select, option) {
  await browser.waitUntil(
    async () => {
      await click(browser, select);
      try {
        await visible(browser, sel(option), { timeout: 2_000 });
        return true;
      } catch {
        return false;
      }
    },
    { timeout: 20_000, interval: 300, timeoutMsg: `no option ${option} in ${select}` },
  );
  await click(browser, option);
}

/** Closes a select's options with a click on the drawer's or dialog's title (Esc would close it). */
async function closeOptions() {
  for (const header of await browser.$$(".el-drawer__header, .el-dialog__header")) {
    if (await header.isDisplayed()) {
      await header.click();
      return;
    }
  }
}

const { step, failed } = scenario("volunteers", () => browser);

describe("volunteers", () => {
  let teamId = "";
  let volunteerId = "";
  let volunteerName = "";
  let pairingId = "";
  let elderName = "";
  let activityId = "";
  const pairingRow = () => `${sel("pairing-row")}[data-id="${pairingId}"]`;

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
    await click(browser, "nav-volunteers");
    await visible(browser, sel("pairings-page"));
  });

  step("add a team", async () => {
    await click(browser, "volunteers-tab-volunteers-teams");
    await visible(browser, sel("teams-page"));
    await click(browser, "team-add");
    await visible(browser, sel("team-dialog"));
    await typeInto(browser, "team-name", TEAM);
    await click(browser, "team-save");
    const row = await visible(browser, `${sel("team-row")}[data-name="${TEAM}"]`);
    teamId = await row.getAttribute("data-id");
    assert.ok(teamId, "the team's id");
    assert.match(await contentOf(row), /活动中/);
  });

  step("register an adult resident of the registry as a volunteer of the team", async () => {
    await click(browser, "volunteers-tab-volunteers-people");
    await visible(browser, sel("volunteers-page"));
    await click(browser, "volunteer-add");
    await visible(browser, sel("volunteer-drawer"));
    await click(browser, "volunteer-kind-resident");
    await chooseOption("volunteer-teams", `volunteer-team-option-${teamId}`);
    await waitForText(browser, "volunteer-teams", (t) => t.includes(TEAM), { what: "the team chosen" });
    await closeOptions();
    await typeInto(browser, "volunteer-skills", "陪伴聊天、代买药品");
    await typeInto(browser, "volunteer-availability", "周一、周三上午");
    // Look adults (18–59) up by pinyin initials; the core refuses one who moved away or died, or who
    // is a volunteer already (the demo has some): then try the next.
    const tried = new Set();
    let saved = false;
    for (const initial of INITIALS) {
      while (!saved) {
        const candidate = await residentCandidate("volunteer-resident", initial, tried, (a) => a >= 18 && a < 60);
        if (!candidate) break;
        tried.add(candidate.label);
        await candidate.option.click();
        saved = await saveAndSettle("volunteer-drawer", "volunteer-save");
        if (saved) volunteerName = candidate.name;
        else
          assert.ok(
            await isShown(browser, sel("field-error-residentId")),
            `an error on another field: ${await textOf(browser, "volunteer-drawer")}`,
          );
      }
      if (saved) break;
    }
    assert.ok(saved, `an adult resident was registered (tried ${[...tried].join("; ")})`);
    await visible(browser, ".el-message--success");
    // The demo's volunteers may share the name: ours is the one in our team.
    await browser.waitUntil(
      async () => {
        for (const id of await rowIds("volunteer-row", volunteerName)) {
          const row = await browser.$(`${sel("volunteer-row")}[data-id="${id}"]`);
          if ((await contentOf(row)).includes(TEAM)) {
            volunteerId = id;
            return true;
          }
        }
        return false;
      },
      { timeout: WAIT, timeoutMsg: `no row of ${volunteerName} in ${TEAM}` },
    );
    const row = await browser.$(`${sel("volunteer-row")}[data-id="${volunteerId}"]`);
    assert.match(await contentOf(row), /ZY\d{5}/, "the core gave a 志愿者编号");
    assert.match(await contentOf(row), /在册/);
    await screenshot(browser, "volunteers-people");
  });

  step("pair the volunteer with a suggested elder from 1 November, weekly", async () => {
    await click(browser, "volunteers-tab-volunteers");
    await visible(browser, sel("pairings-page"));
    // The demo's pairings in force, so that the new row is told apart from them by its id.
    await visible(browser, sel("pairings-summary"));
    const before = new Set(await rowIds("pairing-row"));
    await click(browser, "pairing-add");
    await visible(browser, sel("pairing-dialog"));
    await chooseOption("pairing-volunteers", `pairing-volunteer-option-${volunteerId}`);
    await waitForText(browser, "pairing-volunteers", (t) => t.includes(volunteerName), {
      what: "the volunteer chosen",
    });
    await closeOptions();
    await chooseOption("pairing-frequency", "pairing-frequency-option-7");
    await waitForText(browser, "pairing-frequency", (t) => t.includes("每周"), { what: "每周" });
    await typeDay("pairing-start", START);

    const which = await waitForAny(browser, ["pairing-suggestion", "pairing-suggestions-empty"]);
    let saved = false;
    if (which === "pairing-suggestion") {
      const suggested = [];
      for (const el of await browser.$$(sel("pairing-suggestion"))) {
        if (await el.isDisplayed().catch(() => false))
          suggested.push({ id: await el.getAttribute("data-id"), name: await el.getAttribute("data-name") });
      }
      // 独居 first: the first one, unless the core refuses them (e.g. not yet 60 on 1 November).
      for (const s of suggested) {
        await clickSel(browser, `${sel("pairing-suggestion")}[data-id="${s.id}"]`);
        await waitForText(browser, "pairing-elder-chosen", (t) => t.includes(s.name), { what: `${s.name} chosen` });
        saved = await saveAndSettle("pairing-dialog", "pairing-save");
        if (saved) {
          elderName = s.name;
          break;
        }
        assert.ok(
          await isShown(browser, sel("field-error-elderId")),
          `an error on another field: ${await textOf(browser, "pairing-dialog")}`,
        );
      }
    }
    if (!saved) {
      // No suggestion the core accepts: any elder of 60 or over from the registry.
      const tried = new Set();
      for (const initial of INITIALS) {
        while (!saved) {
          const candidate = await residentCandidate("pairing-elder", initial, tried, (a) => a >= 61);
          if (!candidate) break;
          tried.add(candidate.label);
          await candidate.option.click();
          saved = await saveAndSettle("pairing-dialog", "pairing-save");
          if (saved) elderName = candidate.name;
        }
        if (saved) break;
      }
    }
    assert.ok(saved, "a pairing was made");
    await browser.waitUntil(
      async () => {
        const fresh = (await rowIds("pairing-row", elderName)).filter((id) => !before.has(id));
        pairingId = fresh[0] ?? "";
        return pairingId !== "";
      },
      { timeout: WAIT, timeoutMsg: `no new pairing row for ${elderName}` },
    );
  });

  step("never visited since 1 November: the row is red, 逾期", async () => {
    const row = await visible(browser, pairingRow());
    assert.equal(await row.getAttribute("data-overdue"), "true");
    const state = await visible(browser, `${pairingRow()} ${sel("pairing-state")}`);
    const label = await contentOf(state);
    assert.match(label, /逾期 \d+ 天/, `the state: ${label}`);
    assert.match(String(await state.getAttribute("class")), /el-tag--danger/);
    const text = await contentOf(row);
    assert.ok(text.includes(volunteerName), `the volunteer in the row: ${text}`);
    assert.ok(text.includes("每周"), `the frequency in the row: ${text}`);
    assert.match(await textOf(browser, "pairings-summary"), /结对 \d+ 户，逾期未走访 [1-9]\d* 户/);
    await screenshot(browser, "volunteers-pairings-overdue");
  });

  step("the home page lists overdue visits", async () => {
    await click(browser, "nav-home");
    await visible(browser, sel("home-overdue-visits"));
    await waitForText(browser, "home-overdue-title", (t) => /逾期未走访 [1-9]\d* 户/.test(t), {
      what: "the overdue count",
    });
    await click(browser, "nav-volunteers");
    await visible(browser, sel("pairings-page"));
    await visible(browser, pairingRow());
  });

  step("record today's visit: 上门, 45 minutes; the mark gives way to 最近走访", async () => {
    await clickSel(browser, `${pairingRow()} ${sel("visit-add")}`);
    await visible(browser, sel("visit-dialog"));
    assert.equal(await (await field(browser, "visit-date")).getValue(), TODAY);
    await waitForText(browser, "visit-volunteer", (t) => t.includes(volunteerName), {
      what: "the pairing's volunteer as 走访人",
    });
    await click(browser, "visit-way-home");
    await typeInto(browser, "visit-minutes", "45");
    await typeInto(browser, "visit-health", "血压平稳，按时服药");
    await typeInto(browser, "visit-mood", "精神好，愿意聊天");
    await click(browser, "visit-save");
    await browser.waitUntil(async () => !(await isShown(browser, sel("visit-dialog"))), {
      timeout: WAIT,
      timeoutMsg: `the visit was not saved: ${await textOf(browser, "visit-dialog")}`,
    });
    await visible(browser, ".el-message--success");
    await browser.waitUntil(
      async () => {
        const row = await browser.$(pairingRow());
        return (await row.isExisting()) && (await row.getAttribute("data-overdue")) === "false";
      },
      { timeout: WAIT, timeoutMsg: "the row stayed overdue" },
    );
    const state = await visible(browser, `${pairingRow()} ${sel("pairing-state")}`);
    const label = await contentOf(state);
    assert.ok(label.includes("最近走访"), `the state after the visit: ${label}`);
    assert.doesNotMatch(String(await state.getAttribute("class")), /el-tag--danger/);
    await screenshot(browser, "volunteers-pairings-visited");
  });

  step("the visit is on the pairing's page", async () => {
    await clickSel(browser, `${pairingRow()} ${sel("pairing-detail")}`);
    await waitForText(browser, "pairing-title", (t) => t.includes(elderName), { what: "the pairing's page" });
    const visitRow = await visible(browser, `${sel("visit-row")}[data-date="${TODAY}"]`);
    const text = await contentOf(visitRow);
    assert.ok(text.includes("上门"), `the way: ${text}`);
    assert.ok(text.includes("45 分钟"), `the duration: ${text}`);
    assert.ok(text.includes(volunteerName), `who visited: ${text}`);
    assert.ok(text.includes("血压平稳"), `what was found: ${text}`);
    await click(browser, "pairing-back");
    await visible(browser, sel("pairings-page"));
  });

  step("print the 结对名单: a PDF naming the elder", async () => {
    await click(browser, "print-pairings");
    const text = await printed();
    assert.ok(text.includes(elderName), `the 结对名单 names ${elderName}`);
    assert.ok(text.includes(volunteerName), `the 结对名单 names ${volunteerName}`);
  });

  step("plan this morning's activity with a need for two", async () => {
    await click(browser, "volunteers-tab-volunteers-activities");
    await visible(browser, sel("activities-page"));
    await click(browser, "new-activity");
    await visible(browser, sel("activity-dialog"));
    await typeInto(browser, "activity-title", ACTIVITY);
    await typeDay("activity-date", TODAY);
    await typeInto(browser, "activity-starts", "08:00");
    await typeInto(browser, "activity-ends", "09:20");
    await typeInto(browser, "activity-place", "党群服务中心");
    await typeInto(browser, "activity-organiser", "双桥社区居委会");
    await click(browser, "add-need");
    await typeInto(browser, "need-role", "理发师");
    await typeInto(browser, "need-people", "2");
    assert.ok(
      await saveAndSettle("activity-dialog", "activity-save"),
      `saved: ${await textOf(browser, "activity-dialog")}`,
    );
    const row = await visible(browser, `${sel("activity-row")}[data-title="${ACTIVITY}"]`);
    activityId = await row.getAttribute("data-id");
    assert.ok(activityId, "the activity's id");
    // A table row takes no click in WebKitWebDriver: its title cell does.
    await clickSel(browser, `${sel("activity-row")}[data-id="${activityId}"] .title`);
    await waitForText(browser, "activity-heading", (t) => t.includes(ACTIVITY), { what: "the activity's page" });
    assert.match(await textOf(browser, "activity-status"), /报名/);
  });

  step("sign the volunteer up, enter the morning's times, and sign in and out by name at the box", async () => {
    await chooseOption("signup-volunteer", `signup-volunteer-option-${volunteerId}`);
    await click(browser, "signup-add");
    const signupRow = `${sel("signup-row")}[data-name="${volunteerName}"]`;
    await visible(browser, signupRow);
    await clickSel(browser, `${signupRow} ${sel("enter-pair")}`);
    await visible(browser, sel("pair-dialog"));
    await typeInto(browser, "pair-in", "08:05");
    await typeInto(browser, "pair-out", "09:15");
    assert.ok(await saveAndSettle("pair-dialog", "pair-save"), `saved: ${await textOf(browser, "pair-dialog")}`);
    await browser.waitUntil(async () => (await contentOf(await browser.$(signupRow))).includes("1小时10分"), {
      timeout: WAIT,
      timeoutMsg: "the row shows no 1小时10分",
    });
    // At the box: the name lists the match; a click signs in, the next one out.
    for (const kind of ["signed-in", "signed-out"]) {
      await typeInto(browser, "attendance-scan", volunteerName);
      await browser.keys("Enter");
      await clickSel(browser, `${sel("attendance-match")}`);
      await browser.waitUntil(
        async () => (await (await browser.$(sel("attendance-message"))).getAttribute("data-kind")) === kind,
        {
          timeout: WAIT,
          timeoutMsg: `no ${kind} message`,
        },
      );
    }
    assert.match(await textOf(browser, "attendance-message"), /签退/);
    await screenshot(browser, "volunteers-activity");
  });

  step("print the 签到表 and confirm the hours", async () => {
    await click(browser, "print-signin");
    const text = await printed();
    assert.ok(
      text.includes(ACTIVITY) && text.includes(volunteerName),
      "the 签到表 names the activity and the volunteer",
    );
    await click(browser, "confirm-activity");
    await click(browser, "confirm-save");
    await waitForText(browser, "activity-status", (t) => t.includes("时长已确认"), { what: "时长已确认" });
    assert.ok(await isShown(browser, sel("activity-closed-note")));
  });

  step("the service record has the activity and the visit; a proof gets the year's next number", async () => {
    await click(browser, "volunteers-tab-volunteers-people");
    await visible(browser, sel("volunteers-page"));
    await clickSel(browser, `${sel("volunteer-row")}[data-id="${volunteerId}"] ${sel("volunteer-record")}`);
    await visible(browser, sel("service-record"));
    await browser.waitUntil(async () => (await browser.$$(sel("entry-row"))).length >= 2, {
      timeout: WAIT,
      timeoutMsg: "the record lacks the activity or the visit",
    });
    const record = await contentOf(await browser.$(sel("service-record")));
    assert.ok(record.includes(ACTIVITY), `the activity on the record: ${record}`);
    assert.ok(record.includes("结对走访（上门）"), `the visit on the record: ${record}`);
    await click(browser, "issue-proof");
    await visible(browser, sel("proof-dialog"));
    await click(browser, "proof-issue");
    await waitForText(browser, "proof-number", (t) => /^ZYZM-2026-\d{4}$/.test(t.trim()), { what: "a proof number" });
    await screenshot(browser, "volunteers-proof");
    await click(browser, "proof-done");
    await click(browser, "volunteers-tab-volunteers-proofs");
    await visible(browser, sel("proof-row"));
    // The activity's row says its hours are confirmed.
    await click(browser, "volunteers-tab-volunteers-activities");
    const row = await visible(browser, `${sel("activity-row")}[data-id="${activityId}"]`);
    assert.equal(await row.getAttribute("data-status"), "confirmed");
  });
});
