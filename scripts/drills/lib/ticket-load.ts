/**
 * Ticket load for the drills: an in-process API (its own clock, set in the past so that every
 * deadline step of the new tickets is already due for the worker's real clock) takes and
 * dispatches tickets through POST /api/tickets, as agents do, until stopped.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../apps/api/src/app.js';
import { createManualClock } from '../../../apps/api/src/lib/clock.js';
import type { DrillData } from './drill-services.js';
import { DRILL_PASSWORD } from './drill-services.js';
import { loginSession } from './send-corpus.js';

/** Tuesday 2026-09-01 10:00 in Asia/Shanghai: months before any drill runs. */
export const LOAD_CLOCK_START = new Date('2026-09-01T02:00:00Z');
const CATEGORIES = [{ categoryId: 'city.garbage', title: '垃圾未清运' }, { categoryId: 'env.noise', title: '夜间噪音' }];

export interface TicketLoad {
  app: FastifyInstance;
  created: number;
  errors: number;
  /** Answers by status, e.g. `{ 201: 40, 503: 3 }`. */
  statuses: Record<number, number>;
  /** Creates tickets one after another until `stop()`; `gapMs` between them. */
  start(gapMs: number): void;
  createOne(): Promise<number>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function startTicketLoad(data: DrillData): Promise<TicketLoad> {
  const clock = createManualClock(LOAD_CLOCK_START);
  const app = await buildApp({ config: data.config, clock, logger: false });
  await app.ready();
  const session = await loginSession(app, 'demo-agent', DRILL_PASSWORD);
  let running: Promise<void> | null = null;
  let stopping = false;
  const load: TicketLoad = {
    app,
    created: 0,
    errors: 0,
    statuses: {},
    async createOne() {
      const category = CATEGORIES[randomInt(0, CATEGORIES.length)]!;
      clock.advance(60_000);
      const response = await app.inject({
        method: 'POST', url: '/api/tickets', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: { channel: 'web', categoryId: category.categoryId, areaId: 's01g01', kind: 'complaint', title: category.title, description: 'drill load', dispatch: true },
      }).catch(() => ({ statusCode: 0 }));
      load.statuses[response.statusCode] = (load.statuses[response.statusCode] ?? 0) + 1;
      if (response.statusCode === 201) load.created += 1;
      else load.errors += 1;
      return response.statusCode;
    },
    start(gapMs) {
      stopping = false;
      running = (async () => {
        while (!stopping) {
          await load.createOne();
          await new Promise((resolve) => setTimeout(resolve, gapMs));
        }
      })();
    },
    async stop() {
      stopping = true;
      await running;
      running = null;
    },
    async close() {
      await load.stop();
      await app.close();
    },
  };
  return load;
}
