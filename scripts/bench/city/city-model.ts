/**
 * One generated call or ticket, derived only from (seed, index): the calls pass and the tickets
 * and trail passes can each rebuild any row without holding millions in memory.
 */
import { HOURLY_CURVE, createRandom, createWeightedPicker, exponential, fakePhone, zipfWeights } from './city-random.js';

export interface CityReference {
  hotlines: Array<{ id: string; number: string; isPolice: boolean }>;
  categories: Array<{ id: string; name: string; isPolice: boolean; level: string; defaultUnitId: string | null; handleLimitDays: number | null; defaultKind: string }>;
  grids: Array<{ id: string; name: string; path: string; streetId: string }>;
  agents: Array<{ id: string; extension: string }>;
  unitIds: Set<string>;
}

export interface CityPlan {
  seed: number;
  calls: number;
  tickets: number;
  days: number;
  /** Epoch ms of local midnight (Asia/Shanghai) of the last day. */
  lastDayStart: number;
}

export interface GeneratedCall {
  id: string; linkedid: string; hotlineId: string; hotlineNumber: string; callerNumber: string; state: string;
  agentInterface: string | null; agentUserId: string | null; enteredAt: Date; ringAt: Date | null; answeredAt: Date | null;
  endedAt: Date; waitSeconds: number; talkSeconds: number | null; abandonPosition: number | null; hangupBy: string | null;
}

const DAY_MS = 86_400_000;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Random for row `index` of stream `stream`: independent of every other row. */
const rowRandom = (plan: CityPlan, stream: number, index: number) => createRandom((plan.seed * 2654435761 + stream * 40503 + index * 2246822519) >>> 0);

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function createCityModel(plan: CityPlan, ref: CityReference) {
  const pickerRandom = { next: Math.random };
  const proxy = () => pickerRandom.next();
  // Hotlines: 12345 and 110 carry most of the traffic, the other 20 share the rest.
  const hotlineWeight = (n: string) => (n === '12345' ? 45 : n === '110' ? 30 : 25 / Math.max(1, ref.hotlines.length - 2));
  const pickHotline = createWeightedPicker(ref.hotlines, ref.hotlines.map((h) => hotlineWeight(h.number)), proxy);
  const pickHour = createWeightedPicker(HOURS, HOURLY_CURVE, proxy);
  const civil = ref.categories.filter((c) => !c.isPolice);
  const police = ref.categories.filter((c) => c.isPolice);
  const pickCivil = createWeightedPicker(civil, zipfWeights(civil.length), proxy);
  const pickPolice = police.length ? createWeightedPicker(police, zipfWeights(police.length), proxy) : pickCivil;
  // Grids: a few dense communities, many quiet villages.
  const pickGrid = createWeightedPicker(ref.grids, zipfWeights(ref.grids.length, 0.6), proxy);
  const dayWeights = Array.from({ length: plan.days }, (_, d) => {
    const weekday = new Date(plan.lastDayStart - (plan.days - 1 - d) * DAY_MS + 8 * 3600_000).getUTCDay();
    return weekday === 0 || weekday === 6 ? 0.7 : 1;
  });
  const pickDay = createWeightedPicker(Array.from({ length: plan.days }, (_, d) => d), dayWeights, proxy);

  function callAt(index: number): GeneratedCall {
    const random = rowRandom(plan, 1, index);
    pickerRandom.next = random;
    const hotline = pickHotline();
    const day = pickDay();
    const hour = pickHour();
    const enteredAt = new Date(plan.lastDayStart - (plan.days - 1 - day) * DAY_MS + hour * 3600_000 + Math.floor(random() * 3600_000));
    const roll = random();
    const abandoned = roll < 0.09;
    const agent = ref.agents.length ? ref.agents[Math.floor(random() * ref.agents.length)]! : null;
    const id = uuidFrom(random);
    const linkedid = `${Math.floor(enteredAt.getTime() / 1000)}.${index}`;
    if (abandoned) {
      const wait = exponential(random, 35, 1, 600);
      return {
        id, linkedid, hotlineId: hotline.id, hotlineNumber: hotline.number, callerNumber: fakePhone(random), state: 'abandoned',
        agentInterface: null, agentUserId: null, enteredAt, ringAt: null, answeredAt: null, endedAt: new Date(enteredAt.getTime() + wait * 1000),
        waitSeconds: wait, talkSeconds: null, abandonPosition: 1 + Math.floor(random() * 5), hangupBy: 'caller',
      };
    }
    const wait = exponential(random, 11, 0, 300);
    const talk = exponential(random, 170, 15, 3600);
    const answeredAt = new Date(enteredAt.getTime() + wait * 1000);
    return {
      id, linkedid, hotlineId: hotline.id, hotlineNumber: hotline.number, callerNumber: fakePhone(random), state: roll < 0.11 ? 'transferred' : 'completed',
      agentInterface: agent ? `PJSIP/${agent.extension}` : null, agentUserId: agent?.id ?? null, enteredAt,
      ringAt: new Date(answeredAt.getTime() - Math.min(wait, 3) * 1000), answeredAt, endedAt: new Date(answeredAt.getTime() + talk * 1000),
      waitSeconds: wait, talkSeconds: talk, abandonPosition: null, hangupBy: random() < 0.5 ? 'agent' : 'caller',
    };
  }

  return { callAt, pickCivil, pickPolice, pickGrid, rowRandom: (stream: number, index: number) => rowRandom(plan, stream, index), setRandom: (r: () => number) => (pickerRandom.next = r), uuidFrom };
}

export type CityModel = ReturnType<typeof createCityModel>;
