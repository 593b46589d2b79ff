/**
 * Runs the PBX simulator as a process for demos and benchmarks:
 *   tsx packages/ami/src/simulator/cli.ts --port 5038 [--rate 120] [--agents 8] [--speed 1]
 *     [--flood 10000] [--username admin --secret secret] [--wrapup 5]
 */
import { parseArgs } from 'node:util';
import { createPbxSimulator, HUMAN_AGENT_OPTIONS, SimulatorOptionsError, type MemberOption, type PbxSimulatorOptions } from './index';

/** Members beside the console's own agents in the demo (`npm start`): the recordings' 8001-8004, renamed. */
const DEMO_MEMBERS: MemberOption[] = [
  { agent: '8001', name: '坐席 张敏' }, { agent: '8002', name: '坐席 刘洋' }, { agent: '8003', name: '坐席 陈静' }, { agent: '8004', name: '坐席 赵磊' },
];

const USAGE = 'usage: cli.ts [--port 5038] [--host 127.0.0.1] [--username admin] [--secret secret] [--rate callsPerHour] [--agents N] [--speed X] [--wrapup S] [--talk S] [--patience S] [--flood calls] [--human-agents] [--demo-roster]';

function toNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new SimulatorOptionsError(`--${name} must be a number, got ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5038' }, host: { type: 'string' }, username: { type: 'string' }, secret: { type: 'string' },
      rate: { type: 'string' }, agents: { type: 'string' }, speed: { type: 'string' }, wrapup: { type: 'string' },
      talk: { type: 'string' }, patience: { type: 'string' }, flood: { type: 'string' }, help: { type: 'boolean' },
      'human-agents': { type: 'boolean' }, 'demo-roster': { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const agents = toNumber('agents', values.agents);
  const rate = toNumber('rate', values.rate);
  const flood = toNumber('flood', values.flood);
  const talk = toNumber('talk', values.talk) ?? 180;
  const patience = toNumber('patience', values.patience) ?? 60;
  const members: MemberOption[] | undefined = agents !== undefined
    ? Array.from({ length: agents }, (_, i) => ({ agent: String(8001 + i), talkS: null }))
    // The demo's simulated colleagues: named as people at a Chinese console are, all answering.
    : values['demo-roster'] ? DEMO_MEMBERS : undefined;
  const options: PbxSimulatorOptions = {
    port: toNumber('port', values.port),
    host: values.host,
    username: values.username,
    secret: values.secret,
    clock: 'real',
    speed: toNumber('speed', values.speed),
    wrapUpS: toNumber('wrapup', values.wrapup),
    // Console agents (added by QueueAdd) answer from the console, as people would on a phone,
    // and meet the shipped queue's rules: 15 s of ringing, then Auto-Pause (queues.conf).
    ...(values['human-agents'] ? HUMAN_AGENT_OPTIONS : { dynamicMembers: 'auto' as const }),
    members,
    traffic: rate === undefined ? undefined : { callsPerHour: rate, talkS: { mean: talk }, patienceS: { mean: patience } },
    flood: flood === undefined ? undefined : { calls: flood },
  };
  const sim = createPbxSimulator(options);
  const port = await sim.listen();
  // scripts/lib/stack.ts reads the bound port (--port 0 = any free one) from this line.
  console.log(`PBX simulator: AMI on ${values.host ?? '127.0.0.1'}:${port}, queue hotline, ${sim.snapshot().members.length} members${rate ? `, ${rate} calls/h` : ''}${flood ? `, flood ${flood} calls per login` : ''}`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof SimulatorOptionsError ? `${err.message}\n${USAGE}` : err);
  process.exit(1);
});
