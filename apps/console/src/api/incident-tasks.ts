/** 任务 of an incident (issue 16): assign, sign, start, report progress with photos, done, cancel. */
import { requestClient, type RequestOptions } from './client';

export interface TaskAttachment {
  id: string;
  fileName: string;
  contentType: string;
  width: number | null;
  height: number | null;
}

export interface TaskProgress {
  text: string;
  at: string;
  by: { id: string; name: string } | string | null;
  attachments: (TaskAttachment | string)[];
}

export interface IncidentTask {
  id: string;
  incident: { id: string; code: string; title: string };
  unit: { id: string; name: string };
  title: string;
  description: string;
  state: string;
  dueAt: string;
  overdue: boolean;
  signedAt: string | null;
  doneAt: string | null;
  /** The reports on the task, oldest first (absent from the incident detail's copy). */
  progress?: TaskProgress[];
  version: number;
}

export type TaskActionName = 'sign' | 'start' | 'progress' | 'done' | 'cancel';

type Handled = Pick<RequestOptions, 'handledCodes'>;

export function listTasks(query: { mine?: boolean; state?: string; incidentId?: string } = {}): Promise<IncidentTask[]> {
  return requestClient
    .get<IncidentTask[] | { items: IncidentTask[] }>('/incident-tasks', {
      query: { mine: query.mine ? 1 : undefined, state: query.state, incidentId: query.incidentId },
    })
    .then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export function assignTask(incidentId: string, body: { unitId: string; title: string; description?: string; dueAt: string }, options: Handled = {}): Promise<IncidentTask> {
  return requestClient.post(`/incidents/${encodeURIComponent(incidentId)}/tasks`, body, options);
}

export function runTaskAction(
  id: string,
  action: TaskActionName,
  body: { version?: number; text?: string; attachmentIds?: string[]; reason?: string },
  options: Handled = {},
): Promise<IncidentTask> {
  return requestClient.post(`/incident-tasks/${encodeURIComponent(id)}/actions/${action}`, body, options);
}

/** Photos for a task's progress or completion: uploaded first, then named by `attachmentIds`. */
export async function uploadIncidentPhotos(incidentId: string, files: readonly File[]): Promise<TaskAttachment[]> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const answer = await requestClient.post<{ items: TaskAttachment[] }>(`/incidents/${encodeURIComponent(incidentId)}/attachments`, form, { timeoutMs: 120_000 });
  return answer.items;
}

export function incidentAttachmentUrl(id: string, thumb = false): string {
  return `/api/incident-attachments/${encodeURIComponent(id)}${thumb ? '/thumb' : ''}`;
}
