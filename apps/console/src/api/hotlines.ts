import { requestClient } from './client';

export interface Hotline {
  id: string;
  number: string;
  name: string;
  nameEn: string;
  isPolice: boolean;
}

/** Lists the numbers merged into the centre's queue (12345, 110, …). */
export function listHotlines(): Promise<Hotline[]> {
  return requestClient.get<Hotline[]>('/hotlines');
}
