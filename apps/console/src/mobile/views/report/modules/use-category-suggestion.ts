/**
 * A category suggested from the description as the worker types: asked of the API's keyword
 * rules after a pause (debounced), each newer text cancelling the older request. The suggestion
 * fills the category unless the worker picked one.
 */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { isApiError } from '#/api/api-error';
import { suggestCategory, type CategorySuggestion } from '#/api/patrol';

export const SUGGEST_DEBOUNCE_MS = 400;

export function useCategorySuggestion(text: Ref<string>, onSuggested: (suggestion: CategorySuggestion) => void) {
  const suggestion = ref<CategorySuggestion | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;

  function cancel(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    controller?.abort();
    controller = null;
  }

  async function ask(words: string): Promise<void> {
    controller = new AbortController();
    const { signal } = controller;
    try {
      const answer = await suggestCategory(words, signal);
      if (signal.aborted) return;
      suggestion.value = answer;
      onSuggested(answer);
    } catch (error) {
      // A cancelled or refused suggestion leaves the picker as it is; the worker can always choose.
      if (!isApiError(error)) throw error;
    }
  }

  watch(text, (value) => {
    cancel();
    const words = value.trim();
    if (!words) {
      suggestion.value = null;
      return;
    }
    timer = setTimeout(() => void ask(words), SUGGEST_DEBOUNCE_MS);
  });

  onBeforeUnmount(cancel);
  return { suggestion };
}
