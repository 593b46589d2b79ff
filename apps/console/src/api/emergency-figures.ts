/** The emergency figures (应急管理) of a period: `GET /api/statistics/emergency`. */
import { requestClient } from './client';

type Rate = number | null;
export interface ActivationFigures { total: number; acknowledged: number; ackRate: Rate; medianAckMinutes: number | null; escalated: number; unreached: number }
export interface TaskFigures { due: number; onTime: number; onTimeRate: Rate }
export interface WarningFigures { recipients: number; acknowledged: number; ackRate: Rate }

export interface EmergencyFigures {
  from: string;
  to: string;
  incidents: {
    received: number; filed: number; dismissed: number; handled: number; closed: number; handledOfFiled: number; handlingRate: Rate;
    firstReport: { reported: number; owed: number; onTime: number; onTimeRate: Rate; medianMinutes: number | null };
  };
  activations: ActivationFigures;
  tasks: TaskFigures;
  warnings: WarningFigures;
  resources: { allocations: number; incidents: number; byMeasure: Record<string, number> };
  units: { unit: { id: string; name: string; nameEn: string; tier: number | null }; activations: ActivationFigures; tasks: TaskFigures; warnings: WarningFigures }[];
}

export function getEmergencyFigures(period: { from: string; to: string }): Promise<EmergencyFigures> {
  return requestClient.get<EmergencyFigures>('/statistics/emergency', { query: { ...period } });
}
