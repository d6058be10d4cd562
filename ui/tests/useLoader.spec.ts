import { describe, expect, it, vi } from "vitest";
import { AppError } from "../src/api/invoke";
import { useLoader } from "../src/composables/useLoader";
import { errorMessage } from "../src/utils/errors";

/** A promise the test settles by hand, to make answers arrive out of order. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const failure = (code: string, message: string) => new AppError({ code, message, field: null, row: null });

describe("useLoader", () => {
  it("shows only the latest answer when an earlier one arrives late", async () => {
    const { run, loading, loaded } = useLoader();
    const shown: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const a = run(
      () => first.promise,
      (v) => shown.push(v),
    );
    const b = run(
      () => second.promise,
      (v) => shown.push(v),
    );
    expect(loading.value).toBe(true);
    second.resolve("new");
    expect(await b).toBe(true);
    expect(loading.value).toBe(false);
    first.resolve("old");
    expect(await a).toBe(false);
    expect(shown).toEqual(["new"]);
    expect(loaded.value).toBe(true);
  });

  it("keeps loading until the latest request ends, not an earlier one", async () => {
    const { run, loading } = useLoader();
    const first = deferred<number>();
    const second = deferred<number>();
    void run(
      () => first.promise,
      () => undefined,
    );
    const b = run(
      () => second.promise,
      () => undefined,
    );
    first.resolve(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(loading.value).toBe(true);
    second.resolve(2);
    await b;
    expect(loading.value).toBe(false);
  });

  it("shows the core's message and clears it on the next run", async () => {
    const { run, error, loaded } = useLoader();
    expect(
      await run(
        () => Promise.reject(failure("internal", "数据库忙")),
        () => undefined,
      ),
    ).toBe(true);
    expect(error.value).toBe("数据库忙");
    expect(loaded.value).toBe(false);
    const next = deferred<number>();
    const p = run(
      () => next.promise,
      () => undefined,
    );
    expect(error.value).toBe("");
    next.resolve(1);
    await p;
    expect(loaded.value).toBe(true);
  });

  it("drops the error of a superseded request", async () => {
    const { run, error } = useLoader();
    const first = deferred<number>();
    const a = run(
      () => first.promise,
      () => undefined,
    );
    const b = run(
      () => Promise.resolve(2),
      () => undefined,
    );
    await b;
    first.reject(failure("internal", "旧的错误"));
    expect(await a).toBe(false);
    expect(error.value).toBe("");
  });

  it("cancel drops what is on its way and stops the spinner", async () => {
    const { run, cancel, loading } = useLoader();
    const show = vi.fn();
    const pending = deferred<number>();
    const a = run(() => pending.promise, show);
    cancel();
    expect(loading.value).toBe(false);
    pending.resolve(1);
    expect(await a).toBe(false);
    expect(show).not.toHaveBeenCalled();
  });

  it("can stay quiet on session errors and hand other errors elsewhere", async () => {
    const onError = vi.fn();
    const { run, error } = useLoader({ quietOnSessionErrors: true, onError });
    await run(
      () => Promise.reject(failure("session_locked", "已锁定")),
      () => undefined,
    );
    expect(onError).not.toHaveBeenCalled();
    await run(
      () => Promise.reject(failure("internal", "出错了")),
      () => undefined,
    );
    expect(onError).toHaveBeenCalledTimes(1);
    expect(error.value).toBe("");
  });
});

describe("errorMessage", () => {
  it("is the core's message, or the wording for a bare string", () => {
    expect(errorMessage({ code: "validation", message: "请填写姓名", field: "name", row: null })).toBe("请填写姓名");
    expect(errorMessage("坏了")).toBe("坏了");
  });
});
