import { readonly, ref } from 'vue';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

const toasts = ref<Toast[]>([]);
let nextId = 1;

/** Shows a short message at the bottom of the phone screen for `ms`; the same text is not stacked twice. */
export function showToast(text: string, tone: ToastTone = 'info', ms = 4000): void {
  if (toasts.value.some((toast) => toast.text === text)) return;
  const id = nextId++;
  toasts.value = [...toasts.value, { id, text, tone }];
  setTimeout(() => dismissToast(id), ms);
}

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((toast) => toast.id !== id);
}

/** The toasts on screen (read-only), for the toast host. */
export function useToasts() {
  return readonly(toasts);
}
