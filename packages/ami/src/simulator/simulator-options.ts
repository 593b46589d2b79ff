import type { SimClock } from './clock';

/** The 22 hotline numbers of DOMAIN.md, all routed to the one `hotline` queue. */
export const DEFAULT_HOTLINES = [
  '12345', '110', '580', '12315', '12320', '12328', '12333', '12336', '12338', '12348', '12351',
  '12355', '12358', '12365', '12366', '12369', '12319', '12393', '12312', '12331', '12317', '12318',
] as const;

/** One queue member (agent). `answerAfterS: null` = never answers by itself (answer() or ring-no-answer). */
export interface MemberOption {
  agent: string;
  name?: string;
  /** Dialplan context of the member's Local channel; interface becomes Local/<agent>@<context>/n. */
  context?: string;
  penalty?: number;
  answerAfterS?: number | null;
  /** Talk seconds before the agent hangs up by itself; null = waits for hangup(). */
  talkS?: number | null;
  paused?: boolean;
  pausedReason?: string;
}

export interface Distribution {
  mean: number;
  min?: number;
  max?: number;
}

/** Generated arrivals: a Poisson process whose rate is multiplied inside burst windows. */
export interface TrafficOptions {
  callsPerHour: number;
  /** Talk time in seconds (exponential around mean, clamped). Default mean 180, min 20, max 1200. */
  talkS?: Distribution;
  /** How long a caller waits before abandoning. Default mean 60, min 5, max 300. */
  patienceS?: Distribution;
  bursts?: Array<{ startS: number; durationS: number; factor: number }>;
  /** Relative weights per hotline; default: 12345 and 110 busiest, the rest even. */
  hotlineWeights?: Record<string, number>;
  seed?: number;
}

export interface PbxSimulatorOptions {
  /** TCP port; 0 (default) picks a free one, read it from `sim.port` after listen(). */
  port?: number;
  host?: string;
  username?: string;
  secret?: string;
  /** 'manual' (tests: drive with tick(ms)), 'real' (demo), or an injected clock. Default 'real'. */
  clock?: 'manual' | 'real' | SimClock;
  /** Start of virtual time for the manual clock (epoch ms). */
  startTime?: number;
  /** Real-clock speed-up factor (2 = simulated waits take half the time). */
  speed?: number;
  queue?: string;
  hotlines?: readonly string[];
  /** Queue priority per hotline; default { '110': 10 } (police calls jump the queue). */
  priorities?: Record<string, number>;
  members?: MemberOption[];
  memberTimeoutS?: number;
  retryS?: number;
  wrapUpS?: number;
  /** Queue `autopause = yes`: a member who lets a call ring out is paused with reason `Auto-Pause`. Default false (the recordings' queue). */
  autoPause?: boolean;
  /** Members added by QueueAdd (console agents): 'auto' answer after 3 s and talk 8 s; 'manual' wait for answer()/hangup(). */
  dynamicMembers?: 'auto' | 'manual';
  /** Longest wait in the queue (the Queue() timeout, QUEUE_MAX_WAIT): QueueCallerAbandon, then overflow. Default none. */
  maxWaitS?: number | null;
  /** Queue `joinempty`: false = a caller finding no member at all does not join (JOINEMPTY → overflow). Default true. */
  joinEmpty?: boolean;
  /**
   * The shipped dialplan's [yixian-overflow] when the queue gives up (timeout, joinempty) or the line
   * is closed: UserEvent YixianOverflow, then after 5 s without a key YixianCallbackRequest and the
   * caller is let go. Default false: the caller is simply hung up (the recordings' dialplan).
   */
  overflow?: boolean;
  /** Hotlines outside their office hours now: the caller goes straight to overflow (Reason after_hours). */
  closedHotlines?: readonly string[];
  /** MixMonitorStart on the agent's leg when it answers (queues.conf membergosub). Default false. */
  recordOnAnswer?: boolean;
  /**
   * What a Redirect/BlindTransfer target does. null (default): the caller waits there (the recordings'
   * dialplan); an object: it dials the desk `Local/<exten>@<context>/n`, which answers after
   * answerAfterS and stays until the caller hangs up (the test PBX's [yixian-transfer] desks).
   */
  transferDesk?: { context: string; answerAfterS: number } | null;
  /** Delay between the call arriving and joining the queue (dialplan Answer → Queue). */
  joinDelayMs?: number;
  /** Seconds a blind-transferred/redirected caller stays in the target before hanging up. */
  transferHoldS?: number;
  /** Seconds of uptime FullyBooted reports at first start. */
  initialUptimeS?: number;
  traffic?: TrafficOptions;
  /** Flood mode: every logged-in session gets generated calls' events as fast as its socket drains. */
  flood?: { calls?: number };
}

export interface ResolvedSimulatorOptions {
  port: number;
  host: string;
  username: string;
  secret: string;
  queue: string;
  hotlines: readonly string[];
  priorities: Record<string, number>;
  members: Array<Required<Omit<MemberOption, 'answerAfterS' | 'talkS'>> & { answerAfterS: number | null; talkS: number | null }>;
  memberTimeoutS: number;
  retryS: number;
  wrapUpS: number;
  autoPause: boolean;
  dynamicMembers: 'auto' | 'manual';
  maxWaitS: number | null;
  joinEmpty: boolean;
  overflow: boolean;
  closedHotlines: readonly string[];
  recordOnAnswer: boolean;
  transferDesk: { context: string; answerAfterS: number } | null;
  joinDelayMs: number;
  transferHoldS: number;
  initialUptimeS: number;
  traffic: TrafficOptions | undefined;
  flood: { calls: number } | undefined;
}

/** Thrown by createPbxSimulator for bad options; the message names the option. */
export class SimulatorOptionsError extends Error {
  override name = 'SimulatorOptionsError';
}

/**
 * How the shipped `[hotline]` queue rings its members (telephony/asterisk/queues.conf `timeout`,
 * `retry`, `autopause`): 15 s per member, 2 s before the next, and a member who lets a call ring
 * out is paused with `Auto-Pause`. The console's agents (`--human-agents`) meet these rules in
 * the simulator as they would on the real PBX; a test holds them to queues.conf.
 */
export const SHIPPED_QUEUE_OPTIONS = { memberTimeoutS: 15, retryS: 2, autoPause: true } as const satisfies PbxSimulatorOptions;

/** The console's agents in the demo stack (`cli.ts --human-agents`): they answer by hand, under the shipped rules. */
export const HUMAN_AGENT_OPTIONS = { ...SHIPPED_QUEUE_OPTIONS, dynamicMembers: 'manual' } as const satisfies PbxSimulatorOptions;

/**
 * The project's test PBX (telephony/pbx: the shipped configuration plus the test include), which
 * recorded test/recordings/asterisk-22: no static members (agents log in by QueueAdd and answer
 * when told), QUEUE_MAX_WAIT 300 s, joinempty, the overflow UserEvents, recording on answer,
 * autopause, 5 s wrap-up, desks that answer a transfer after 1 s.
 */
export const TEST_PBX_OPTIONS: PbxSimulatorOptions = {
  ...SHIPPED_QUEUE_OPTIONS, members: [], dynamicMembers: 'manual', maxWaitS: 300, joinEmpty: false, overflow: true, recordOnAnswer: true,
  wrapUpS: 5, joinDelayMs: 25, transferDesk: { context: 'yixian-test-desks', answerAfterS: 1 },
};

/** The roster of the PBX the recordings came from: 8001-8004 answer after 3 s, talk 8 s; 8009 never answers. */
export const RECORDED_MEMBERS: MemberOption[] = [
  { agent: '8001' }, { agent: '8002' }, { agent: '8003' }, { agent: '8004' },
  { agent: '8009', name: 'Slow 8009', context: 'agents-slow', penalty: 5, answerAfterS: null },
];

const fail = (msg: string): never => {
  throw new SimulatorOptionsError(msg);
};
const checkNumber = (name: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    fail(`option ${name} must be a number between ${min} and ${max}, got ${JSON.stringify(v)}`);
  }
  return v as number;
};
const checkText = (name: string, v: unknown, pattern: RegExp): string => {
  if (typeof v !== 'string' || !pattern.test(v)) fail(`option ${name} must match ${pattern}, got ${JSON.stringify(v)}`);
  return v as string;
};

function resolveDistribution(name: string, d: Distribution | undefined, fallback: Required<Distribution>): Required<Distribution> {
  if (d === undefined) return fallback;
  const mean = checkNumber(`${name}.mean`, d.mean, 0.1);
  const min = checkNumber(`${name}.min`, d.min ?? Math.min(fallback.min, mean), 0);
  const max = checkNumber(`${name}.max`, d.max ?? Math.max(fallback.max, mean), min);
  return { mean, min, max };
}

const checkBoolean = (name: string, v: unknown, fallback: boolean): boolean => {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') fail(`option ${name} must be true or false, got ${JSON.stringify(v)}`);
  return v as boolean;
};

/** Validates options and fills defaults; throws SimulatorOptionsError naming the first bad option. */
function checkDynamicMembers(value: unknown): 'auto' | 'manual' {
  if (value === undefined) return 'auto';
  if (value === 'auto' || value === 'manual') return value;
  throw new SimulatorOptionsError(`dynamicMembers must be "auto" or "manual", got ${JSON.stringify(value)}`);
}

export function resolveSimulatorOptions(input: PbxSimulatorOptions = {}): ResolvedSimulatorOptions {
  if (typeof input !== 'object' || input === null) fail('options must be an object');
  const hotlines = input.hotlines ?? DEFAULT_HOTLINES;
  if (!Array.isArray(hotlines) || hotlines.length === 0) fail('option hotlines must be a non-empty array of numbers');
  hotlines.forEach((h, i) => checkText(`hotlines[${i}]`, h, /^[0-9]{3,8}$/));
  const memberInput = input.members ?? RECORDED_MEMBERS;
  if (!Array.isArray(memberInput)) fail('option members must be an array');
  const seen = new Set<string>();
  const members = memberInput.map((m, i) => {
    const agent = checkText(`members[${i}].agent`, m?.agent, /^[0-9A-Za-z_-]{1,20}$/);
    if (seen.has(agent)) fail(`option members[${i}].agent: duplicate agent ${agent}`);
    seen.add(agent);
    const answerAfterS = m.answerAfterS === undefined ? 3 : m.answerAfterS === null ? null : checkNumber(`members[${i}].answerAfterS`, m.answerAfterS, 0);
    const talkS = m.talkS === undefined ? 8 : m.talkS === null ? null : checkNumber(`members[${i}].talkS`, m.talkS, 0);
    return {
      agent,
      name: m.name === undefined ? `Agent ${agent}` : checkText(`members[${i}].name`, m.name, /^[^\r\n]{1,80}$/),
      context: m.context === undefined ? 'agents' : checkText(`members[${i}].context`, m.context, /^[a-z0-9_-]{1,40}$/),
      penalty: m.penalty === undefined ? 0 : checkNumber(`members[${i}].penalty`, m.penalty, 0, 1000),
      answerAfterS,
      talkS,
      paused: m.paused ?? false,
      pausedReason: m.pausedReason ?? '',
    };
  });
  const priorities = input.priorities ?? { '110': 10 };
  for (const [k, v] of Object.entries(priorities)) checkNumber(`priorities.${k}`, v, 0, 1000);
  const traffic = input.traffic;
  if (traffic !== undefined) {
    checkNumber('traffic.callsPerHour', traffic.callsPerHour, 0, 1_000_000);
    resolveDistribution('traffic.talkS', traffic.talkS, { mean: 180, min: 20, max: 1200 });
    resolveDistribution('traffic.patienceS', traffic.patienceS, { mean: 60, min: 5, max: 300 });
    (traffic.bursts ?? []).forEach((b, i) => {
      checkNumber(`traffic.bursts[${i}].startS`, b?.startS, 0);
      checkNumber(`traffic.bursts[${i}].durationS`, b.durationS, 0);
      checkNumber(`traffic.bursts[${i}].factor`, b.factor, 0, 1000);
    });
    for (const [k, v] of Object.entries(traffic.hotlineWeights ?? {})) {
      if (!hotlines.includes(k)) fail(`option traffic.hotlineWeights.${k}: not one of the hotlines`);
      checkNumber(`traffic.hotlineWeights.${k}`, v, 0);
    }
  }
  return {
    port: checkNumber('port', input.port ?? 0, 0, 65535),
    host: input.host ?? '127.0.0.1',
    username: checkText('username', input.username ?? 'admin', /^[^\r\n]{1,64}$/),
    secret: checkText('secret', input.secret ?? 'secret', /^[^\r\n]{0,128}$/),
    queue: checkText('queue', input.queue ?? 'hotline', /^[A-Za-z0-9_-]{1,40}$/),
    hotlines,
    priorities,
    members,
    memberTimeoutS: checkNumber('memberTimeoutS', input.memberTimeoutS ?? 15, 1, 3600),
    retryS: checkNumber('retryS', input.retryS ?? 2, 0, 3600),
    wrapUpS: checkNumber('wrapUpS', input.wrapUpS ?? 0, 0, 3600),
    autoPause: input.autoPause === undefined ? false : typeof input.autoPause === 'boolean' ? input.autoPause : fail(`option autoPause must be true or false, got ${JSON.stringify(input.autoPause)}`),
    dynamicMembers: checkDynamicMembers(input.dynamicMembers),
    maxWaitS: input.maxWaitS === undefined || input.maxWaitS === null ? null : checkNumber('maxWaitS', input.maxWaitS, 1, 86_400),
    joinEmpty: checkBoolean('joinEmpty', input.joinEmpty, true),
    overflow: checkBoolean('overflow', input.overflow, false),
    closedHotlines: (input.closedHotlines ?? []).map((h, i) => (hotlines.includes(h) ? h : fail(`option closedHotlines[${i}]: ${JSON.stringify(h)} is not one of the hotlines`))),
    recordOnAnswer: checkBoolean('recordOnAnswer', input.recordOnAnswer, false),
    transferDesk: input.transferDesk === undefined || input.transferDesk === null ? null : {
      context: checkText('transferDesk.context', input.transferDesk.context, /^[a-z0-9_-]{1,40}$/),
      answerAfterS: checkNumber('transferDesk.answerAfterS', input.transferDesk.answerAfterS, 0, 3600),
    },
    joinDelayMs: checkNumber('joinDelayMs', input.joinDelayMs ?? 500, 0, 60_000),
    transferHoldS: checkNumber('transferHoldS', input.transferHoldS ?? 5, 0, 3600),
    initialUptimeS: checkNumber('initialUptimeS', input.initialUptimeS ?? 0, 0),
    traffic,
    flood: input.flood === undefined ? undefined : { calls: checkNumber('flood.calls', input.flood.calls ?? 1000, 1, 100_000_000) },
  };
}

export { resolveDistribution };
