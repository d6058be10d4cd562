import { ref } from "vue";
import { isSessionError } from "../api/invoke";
import { errorMessage } from "../utils/errors";

export type LoaderOptions = {
  /**
   * Session errors (locked, logged out) are already handled by the lock overlay / login page;
   * set this where a second message under the overlay would only be noise.
   */
  quietOnSessionErrors?: boolean;
  /** Where the failure goes instead of `error` (e.g. a toast for a search-as-you-type picker). */
  onError?: (e: unknown) => void;
};

/**
 * Loading state for one thing a screen shows (a list, a week, a summary), reloaded whenever its
 * filters change. Filters can change faster than the core answers, so only the latest request
 * may touch the screen: an earlier answer arriving late is dropped, as is its error and its end
 * of `loading`. `loaded` turns true after the first answer was shown (empty states wait for it).
 */
export function useLoader(options: LoaderOptions = {}) {
  const loading = ref(false);
  const error = ref("");
  const loaded = ref(false);
  let latest = 0;

  /**
   * Runs `request`; `show` receives its result only if no later `run` (or `cancel`) came since.
   * Resolves false when it was superseded (then it touched nothing), true when its result or its
   * error is what the screen now shows.
   */
  async function run<T>(request: () => Promise<T>, show: (result: T) => void): Promise<boolean> {
    const mine = ++latest;
    loading.value = true;
    error.value = "";
    try {
      const result = await request();
      if (mine !== latest) return false;
      show(result);
      loaded.value = true;
      return true;
    } catch (e) {
      if (mine !== latest) return false;
      if (!(options.quietOnSessionErrors && isSessionError(e))) {
        if (options.onError) options.onError(e);
        else error.value = errorMessage(e);
      }
      return true;
    } finally {
      if (mine === latest) loading.value = false;
    }
  }

  /** Drops whatever is still on its way (nothing to load any more) and stops the spinner. */
  function cancel() {
    latest++;
    loading.value = false;
  }

  return { loading, error, loaded, run, cancel };
}
