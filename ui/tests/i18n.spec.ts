import { describe, expect, it } from "vitest";
import { t } from "../src/i18n";
import auth from "../src/i18n/zh-CN/auth";
import canteen from "../src/i18n/zh-CN/canteen";
import checkups from "../src/i18n/zh-CN/checkups";
import childcare from "../src/i18n/zh-CN/childcare";
import common from "../src/i18n/zh-CN/common";
import home from "../src/i18n/zh-CN/home";
import print from "../src/i18n/zh-CN/print";
import residents from "../src/i18n/zh-CN/residents";
import settings from "../src/i18n/zh-CN/settings";
import volunteers from "../src/i18n/zh-CN/volunteers";

describe("i18n per module", () => {
  it("no module's top-level key repeats another's (the index would silently drop one)", () => {
    const modules = [common, auth, home, settings, residents, canteen, checkups, childcare, volunteers, print];
    const keys = modules.flatMap((m) => Object.keys(m));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("looks keys up across the modules", () => {
    expect(t("common.save")).toBe("保存");
    expect(t("canteen.nav.dishes")).toBe("菜品");
    expect(t("residents.import.steps.choose")).toBe("选择文件");
  });
});
