import { flushPromises } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import { nextTick, reactive } from "vue";
import { useFormDialog } from "../src/composables/useFormDialog";
import { appError, settle } from "./helpers";

/** The open 放弃修改 confirmation box, if any (the last one: an earlier one may be fading out). */
function discardBox(): HTMLElement | null {
  const boxes = document.body.querySelectorAll<HTMLElement>(".el-message-box");
  return boxes[boxes.length - 1] ?? null;
}
async function answer(discard: boolean) {
  const box = discardBox();
  if (!box) throw new Error("no confirmation box");
  const selector = discard
    ? ".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary"
    : ".el-message-box__btns .el-button:not(.el-button--primary):not(.el-button--danger)";
  box.querySelector<HTMLElement>(selector)!.click();
  await settle(50);
}

function dialogWithForm() {
  const form = reactive({ name: "", phone: "" });
  const state = reactive({ visible: true, saving: false });
  const dialog = useFormDialog({
    snapshot: () => form,
    isOpen: () => state.visible,
    isBusy: () => state.saving,
    fields: ["name", "phone"] as const,
    clearOnEdit: form,
  });
  return { form, state, dialog };
}

describe("useFormDialog", () => {
  it("is dirty only while open and after an edit since it was opened or saved", async () => {
    const { form, state, dialog } = dialogWithForm();
    form.name = "王秀英";
    dialog.opened();
    expect(dialog.dirty.value).toBe(false);
    form.phone = "13800000000";
    expect(dialog.dirty.value).toBe(true);
    state.visible = false;
    expect(dialog.dirty.value).toBe(false);
    state.visible = true;
    dialog.markSaved();
    expect(dialog.dirty.value).toBe(false);
  });

  it("closes at once without edits, and asks first (放弃修改) with unsaved edits", async () => {
    const { form, dialog } = dialogWithForm();
    const done = vi.fn();
    await dialog.beforeClose(done);
    expect(done).toHaveBeenCalledTimes(1);
    expect(discardBox()).toBeNull();

    form.name = "李";
    const closing = dialog.beforeClose(done);
    await settle(50);
    expect(discardBox()?.textContent).toContain("有未保存的修改，确定放弃吗？");
    await answer(false);
    await closing;
    expect(done).toHaveBeenCalledTimes(1);

    dialog.requestClose(done);
    await settle(50);
    await answer(true);
    expect(done).toHaveBeenCalledTimes(2);
  });

  it("refuses to close while saving", async () => {
    const { state, dialog } = dialogWithForm();
    state.saving = true;
    const done = vi.fn();
    await dialog.beforeClose(done);
    expect(done).not.toHaveBeenCalled();
  });

  it("shows the core's error on the field it names, otherwise above the form", async () => {
    const { dialog } = dialogWithForm();
    await dialog.showSaveError(appError("validation", "手机号格式不对", "input.phone"));
    expect(dialog.errors.phone).toBe("手机号格式不对");
    expect(dialog.generalError.value).toBe("");
    await dialog.showSaveError(appError("conflict", "已有同名的人", "somethingElse"));
    expect(dialog.generalError.value).toBe("已有同名的人");
    dialog.clearErrors();
    expect(dialog.errors.phone).toBe("");
    expect(dialog.generalError.value).toBe("");
  });

  it("clears a field's error once that field is edited", async () => {
    const { form, dialog } = dialogWithForm();
    await dialog.showSaveError(appError("validation", "请填写姓名", "name"));
    await dialog.showSaveError(appError("validation", "手机号格式不对", "phone"));
    form.name = "王";
    await nextTick();
    await flushPromises();
    expect(dialog.errors.name).toBe("");
    expect(dialog.errors.phone).toBe("手机号格式不对");
  });

  it("without a snapshot the form is never dirty", async () => {
    const dialog = useFormDialog({ fields: ["slotId"] as const });
    expect(dialog.dirty.value).toBe(false);
    const done = vi.fn();
    await dialog.beforeClose(done);
    expect(done).toHaveBeenCalled();
  });
});
