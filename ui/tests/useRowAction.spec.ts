import { describe, expect, it, vi } from "vitest";
import { useRowAction } from "../src/composables/useRowAction";
import { appError, settle } from "./helpers";

async function answer(ok: boolean) {
  const boxes = [...document.querySelectorAll(".el-message-box")];
  const sel = ok
    ? ".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary"
    : ".el-message-box__btns .el-button:not(.el-button--primary):not(.el-button--danger)";
  (boxes[boxes.length - 1]!.querySelector(sel) as HTMLElement).click();
  await settle(50);
}

describe("useRowAction", () => {
  it("asks first, naming the object; declining does nothing", async () => {
    const { runOnRow } = useRowAction();
    const action = vi.fn(async () => undefined);
    const done = runOnRow(7, { message: "确定停用 王秀英？", danger: true }, action);
    await settle(50);
    expect(document.querySelector(".el-message-box")?.textContent).toContain("确定停用 王秀英？");
    await answer(false);
    expect(await done).toBe(false);
    expect(action).not.toHaveBeenCalled();
  });

  it("marks the row busy while the action runs, and shows the core's message when it fails", async () => {
    const { runOnRow, busyIds } = useRowAction();
    let seenBusy = false;
    const done = runOnRow(7, { message: "确定？" }, async () => {
      seenBusy = busyIds.value.has(7);
      throw appError("conflict", "还有人在用这个类别");
    });
    await settle(50);
    await answer(true);
    expect(await done).toBe(false);
    expect(seenBusy).toBe(true);
    expect(busyIds.value.has(7)).toBe(false);
    expect(document.querySelector(".el-message--error")?.textContent).toContain("还有人在用这个类别");
  });
});
