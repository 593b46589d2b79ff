/**
 * Tickets taken and dispatched over HTTP on a real API process, as agents do, by a few clients
 * in a loop until stopped. Each answer is counted with the time it arrived, so a drill can tell
 * how many tickets were created during a window (a backup).
 */
import { DRILL_PASSWORD } from './drill-services.js';

export interface HttpTicketLoad {
  /** Arrival times (performance.now()) of the 201 answers. */
  createdAt: number[];
  statuses: Record<number, number>;
  createdBetween(from: number, to: number): number;
  stop(): Promise<void>;
}

export async function startHttpTicketLoad(baseUrl: string, clients: number): Promise<HttpTicketLoad> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-agent', password: DRILL_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`demo-agent could not sign in (${login.status})`);
  const cookie = String(login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const load: HttpTicketLoad = {
    createdAt: [],
    statuses: {},
    createdBetween: (from, to) => load.createdAt.filter((at) => at >= from && at <= to).length,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
    },
  };
  let stopping = false;
  const loops = Array.from({ length: clients }, async () => {
    while (!stopping) {
      const status = await fetch(`${baseUrl}/api/tickets`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ channel: 'web', categoryId: 'city.garbage', areaId: 's01g01', kind: 'complaint', title: '垃圾未清运', description: 'drill load', dispatch: true }),
      }).then((response) => response.status, () => 0);
      load.statuses[status] = (load.statuses[status] ?? 0) + 1;
      if (status === 201) load.createdAt.push(performance.now());
    }
  });
  return load;
}
