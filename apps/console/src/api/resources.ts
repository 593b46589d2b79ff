/** 应急资源 (issue 16): units' resources, an incident's requests and allocations, and totals. */
import { requestClient, type RequestOptions } from './client';

export interface Resource {
  id: string;
  unit: { id: string; name: string };
  kind: string;
  name: string;
  measure: string;
  quantity: number;
  committed: number;
  available: number;
  note: string;
  active: boolean;
  version: number;
}

export interface Allocation {
  id: string;
  resource: { id: string; name: string; kind: string; measure: string; unit: { id: string; name: string } };
  state: string;
  requested: number;
  allocated: number;
  requestedAt: string;
  allocatedAt: string | null;
  returnedAt: string | null;
  note: string;
}

export interface ResourceTotals {
  byMeasure: Record<string, number>;
  byIncident: { incident: { id: string; code: string; title: string }; byMeasure: Record<string, number> }[];
}

export interface ResourceBody {
  unitId: string;
  kind: string;
  name: string;
  measure: string;
  quantity: number;
  note?: string;
  active?: boolean;
}

type Handled = Pick<RequestOptions, 'handledCodes'>;

export function listResources(query: { unitId?: string; kind?: string } = {}): Promise<Resource[]> {
  return requestClient
    .get<Resource[] | { items: Resource[] }>('/resources', { query: { ...query } })
    .then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export function createResource(body: ResourceBody, options: Handled = {}): Promise<Resource> {
  return requestClient.post('/resources', body, options);
}

export function updateResource(id: string, body: Partial<ResourceBody> & { version: number }, options: Handled = {}): Promise<Resource> {
  return requestClient.put(`/resources/${encodeURIComponent(id)}`, body, options);
}

export function requestAllocation(incidentId: string, body: { resourceId: string; requested: number; note?: string }, options: Handled = {}): Promise<Allocation> {
  return requestClient.post(`/incidents/${encodeURIComponent(incidentId)}/allocations`, body, options);
}

export function runAllocationAction(
  id: string,
  action: 'allocate' | 'refuse' | 'return',
  body: { allocated?: number; reason?: string } = {},
  options: Handled = {},
): Promise<Allocation> {
  return requestClient.post(`/resource-allocations/${encodeURIComponent(id)}/actions/${action}`, body, options);
}

export function getResourceTotals(query: { from?: string; to?: string; incidentId?: string } = {}): Promise<ResourceTotals> {
  return requestClient.get('/resources/totals', { query: { ...query } });
}
