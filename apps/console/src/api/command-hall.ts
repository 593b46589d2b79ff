/** The command hall (调度大厅): everything the big screen shows in one answer (`GET /api/command-hall`). */
import type { AreaBoundary } from './map';
import { requestClient } from './client';

export interface HallActivation {
  id: string;
  unit: { id: string; name: string; nameEn: string; tier: number | null };
  state: string;
  fieldStatus: string;
  attempts: number;
  acknowledgedAt: string | null;
  acknowledgedVia: string | null;
  escalatedAt: string | null;
  activatedAt: string;
}

export interface HallIncident {
  id: string; code: string; type: string; subtype: string; level: 'I' | 'II' | 'III' | 'IV'; state: string; title: string;
  address: string | null; area: { id: string; name: string; nameEn: string } | null; lat: number | null; lng: number | null;
  reportedAt: string; filedAt: string | null; deaths: number; injuries: number; missing: number;
  nextReport: { kind: string; dueAt: string; overdue: boolean } | null;
  activations: HallActivation[];
}

export interface HallTask {
  id: string; incident: { id: string; code: string }; unit: { id: string; name: string; nameEn: string };
  title: string; state: string; dueAt: string; doneAt: string | null; overdue: boolean;
}

export interface HallPerson { shiftId: string; name: string; phone: string; until: string }

export interface HallWarning {
  id: string; code: string; level: 'blue' | 'yellow' | 'orange' | 'red'; type: string; title: string; validUntil: string; publishedAt: string | null;
  ack: { total: number; acknowledged: number; rate: number | null };
}

export interface HallTrailEntry {
  id: string; action: string; fromState: string | null; toState: string | null; at: string;
  incident: { id: string; code: string; level: string; title: string };
  actor: { name: string } | null; unit: { name: string; nameEn: string } | null;
}

export interface CommandHall {
  at: string;
  areas: { id: string; name: string; nameEn: string; level: string; boundary: AreaBoundary | null }[];
  incidents: HallIncident[];
  tasks: HallTask[];
  resources: { committed: Record<string, number>; dispatched: Record<string, number> };
  duty: {
    items: { unit: { id: string; name: string; tier: number | null }; onDuty: HallPerson | null; deputy: HallPerson | null; gap: boolean }[];
    gaps: { unit: { id: string; name: string }; from: string | null; to: string; current: boolean }[];
  };
  warnings: HallWarning[];
  timeline: HallTrailEntry[];
}

export function getCommandHall(): Promise<CommandHall> {
  return requestClient.get<CommandHall>('/command-hall');
}
