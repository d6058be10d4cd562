import { mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { describe, expect, it } from "vitest";
import ActiveTag from "../src/components/ActiveTag.vue";
import FormError from "../src/components/FormError.vue";
import FormFooter from "../src/components/FormFooter.vue";
import TableEmpty from "../src/components/TableEmpty.vue";

const global = { plugins: [ElementPlus] };

describe("FormError", () => {
  it("shows the message in the shared style, with the data-test on the alert", () => {
    const w = mount(FormError, { props: { message: "已有同名的社区" }, attrs: { "data-test": "x-error" }, global });
    const alert = w.get('[data-test="x-error"]');
    expect(alert.classes()).toContain("form-error");
    expect(alert.text()).toContain("已有同名的社区");
  });

  it("renders nothing while there is no error", () => {
    const w = mount(FormError, { props: { message: "" }, attrs: { "data-test": "x-error" }, global });
    expect(w.find('[data-test="x-error"]').exists()).toBe(false);
  });
});

describe("FormFooter", () => {
  it("has 取消 and 保存 with the form's hooks, and spins while saving", async () => {
    const w = mount(FormFooter, { props: { testId: "dish", saving: true }, global });
    expect(w.get('[data-test="dish-cancel"]').text()).toBe("取消");
    const save = w.get('[data-test="dish-save"]');
    expect(save.text()).toBe("保存");
    expect(save.classes()).toContain("is-loading");
    await w.get('[data-test="dish-cancel"]').trigger("click");
    expect(w.emitted("cancel")).toHaveLength(1);
  });

  it("names the save button as asked", async () => {
    const w = mount(FormFooter, { props: { testId: "walk-in", saving: false, saveText: "登记到场" }, global });
    expect(w.get('[data-test="walk-in-save"]').text()).toBe("登记到场");
    await w.get('[data-test="walk-in-save"]').trigger("click");
    expect(w.emitted("save")).toHaveLength(1);
  });
});

describe("TableEmpty", () => {
  it("says nothing until the list has loaded, then shows the sentence with its hook", async () => {
    const w = mount(TableEmpty, {
      props: { description: "还没有菜品", ready: false },
      attrs: { "data-test": "dishes-empty" },
      global,
    });
    expect(w.find('[data-test="dishes-empty"]').exists()).toBe(false);
    await w.setProps({ ready: true });
    expect(w.get('[data-test="dishes-empty"]').text()).toContain("还没有菜品");
  });
});

describe("ActiveTag", () => {
  it("is green with the active word, grey with the other", async () => {
    const w = mount(ActiveTag, { props: { active: true, activeText: "启用", inactiveText: "停用" }, global });
    expect(w.text()).toBe("启用");
    expect(w.classes()).toContain("el-tag--success");
    await w.setProps({ active: false });
    expect(w.text()).toBe("停用");
    expect(w.classes()).toContain("el-tag--info");
  });
});
