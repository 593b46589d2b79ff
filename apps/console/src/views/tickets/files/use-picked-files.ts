/**
 * The files a worker picks for a reply or a return, before the act: each with a preview (an
 * object URL for an image), uploaded one at a time when the worker confirms so the progress can
 * be said ("file 2 of 3") and a refusal names its file. A file already uploaded keeps its id, so
 * confirming again after a refused act does not upload it twice.
 */
import { onBeforeUnmount, ref } from 'vue';
import { isApiError, type ApiError } from '#/api/api-error';
import { uploadTicketAttachments, type AttachmentAct } from '#/api/ticket-attachments';

export interface PickedFile {
  key: number;
  file: File;
  /** An object URL for an image's thumbnail; null for a PDF. */
  previewUrl: string | null;
  uploadedId: string | null;
}

/** A refused upload and the file it was about. */
export class FileUploadError extends Error {
  constructor(readonly apiError: ApiError, readonly fileName: string) {
    super(apiError.message);
  }
}

export function usePickedFiles() {
  const files = ref<PickedFile[]>([]);
  const progress = ref<{ done: number; total: number } | null>(null);
  let nextKey = 1;

  function add(list: Iterable<File>): void {
    for (const file of list) {
      const previewUrl = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      files.value.push({ key: nextKey++, file, previewUrl, uploadedId: null });
    }
  }

  function remove(key: number): void {
    const picked = files.value.find((item) => item.key === key);
    if (picked?.previewUrl) URL.revokeObjectURL(picked.previewUrl);
    files.value = files.value.filter((item) => item.key !== key);
  }

  function clear(): void {
    for (const item of files.value) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    files.value = [];
    progress.value = null;
  }

  /** Uploads what is not yet uploaded; answers every file's id in the order shown. Throws a FileUploadError. */
  async function upload(ticketId: string, act: AttachmentAct): Promise<string[]> {
    const waiting = files.value.filter((item) => item.uploadedId === null);
    try {
      for (const [index, item] of waiting.entries()) {
        progress.value = { done: index + 1, total: waiting.length };
        try {
          const [stored] = await uploadTicketAttachments(ticketId, act, [item.file]);
          if (stored) item.uploadedId = stored.id;
        } catch (error) {
          if (isApiError(error)) throw new FileUploadError(error, item.file.name);
          throw error;
        }
      }
    } finally {
      progress.value = null;
    }
    return files.value.flatMap((item) => (item.uploadedId ? [item.uploadedId] : []));
  }

  onBeforeUnmount(clear);
  return { files, progress, add, remove, clear, upload };
}
