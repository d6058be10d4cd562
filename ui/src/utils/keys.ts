/**
 * Keydown handler that runs `fn` on Enter, but not while an input method (pinyin) is composing:
 * the Enter that commits a composition must not submit the form.
 */
export function onEnter(fn: () => unknown) {
  return (e: Event | KeyboardEvent) => {
    const ke = e as KeyboardEvent;
    if (ke.key !== "Enter" || ke.isComposing || ke.keyCode === 229) return;
    ke.preventDefault();
    void fn();
  };
}

/**
 * Focuses `selector` (default: the first text input) inside `root`, e.g. when a dialog has opened —
 * unless the user is already typing in it: fast typists start before the opening animation ends.
 */
export function focusFirstInput(root: unknown, selector = "input:not([type=hidden]):not([readonly]), textarea"): void {
  if (!(root instanceof HTMLElement)) return;
  if (document.activeElement instanceof HTMLElement && root.contains(document.activeElement)) return;
  root.querySelector<HTMLElement>(selector)?.focus();
}
