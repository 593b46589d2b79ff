/**
 * Where the machine's CPU goes during a load phase: user + system CPU seconds of each process
 * group (a child and everything under it — tsx runs the script in a Node grandchild —, the
 * PostgreSQL cluster, the Redis server, the bench process itself) read from Linux /proc before
 * and after the phase, and the machine's total from /proc/stat. CPU time, not wall time, so the
 * figures hold on a machine other work shares; what is not ours shows up as "other".
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports /proc times in clock ticks; USER_HZ is 100 on every architecture Node runs on. */
const TICKS_PER_S = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime of the live process (all its threads), in ticks. */
  ticks: number;
  /** cutime + cstime: children that exited and were reaped, in ticks. */
  reapedTicks: number;
}

function parseStat(text: string): ProcStat | null {
  // The command name is in parentheses and may hold spaces; fields are counted after it.
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const fields = text.slice(close + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime/stime 14/15, cutime/cstime 16/17.
  return {
    pid: Number(text.slice(0, text.indexOf(' '))),
    ppid: Number(fields[1]),
    ticks: Number(fields[11]) + Number(fields[12]),
    reapedTicks: Number(fields[13]) + Number(fields[14]),
  };
}

function readProcesses(): Map<number, ProcStat> {
  const table = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (stat) table.set(stat.pid, stat);
    } catch {
      // The process ended between readdir and read.
    }
  }
  return table;
}

/** Busy and total CPU ticks of the whole machine (all cores) from /proc/stat's `cpu` line. */
function readMachine(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait! };
}

/**
 * A group's ticks: the root and all its live descendants, plus what the root has reaped (so a
 * PostgreSQL backend that ends inside the phase still counts, through the postmaster).
 */
function groupTicks(table: Map<number, ProcStat>, root: number, self: boolean): number {
  const rootStat = table.get(root);
  if (!rootStat) return 0;
  if (self) return rootStat.ticks;
  const children = new Map<number, number[]>();
  for (const stat of table.values()) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat.pid]);
  let ticks = rootStat.reapedTicks;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += table.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks;
}

export type CpuGroup =
  /** A process and its descendants; `self` counts that process alone (the bench, not its children). */
  | { name: string; pid: number; self?: boolean }
  /** Processes listed at each end of the phase (a database's backends); one absent at the start counts from zero. */
  | { name: string; pids: () => Promise<number[]> };

export interface CpuPhase {
  /** CPU milliseconds per request of each group, the machine's busy time and what is not ours. */
  msPerRequest: Record<string, number>;
  /** Each group's share of the machine's capacity (cores × seconds) during the phase, in %. */
  percentOfMachine: Record<string, number>;
}

/**
 * Snapshot now; `end(requests)` gives each group's CPU over the phase per request. Groups listed
 * by `pids` are reported but not added into "ours" (they are part of another group, as a
 * database's backends are part of the cluster).
 */
export async function startCpuPhase(groups: CpuGroup[]): Promise<{ end(requests: number): Promise<CpuPhase> }> {
  const snapshot = async () => {
    const lists = await Promise.all(groups.map((group) => ('pids' in group ? group.pids() : Promise.resolve([]))));
    const table = readProcesses();
    const machine = readMachine();
    const ticks = groups.map((group, index) => 'pids' in group
      ? new Map(lists[index]!.map((pid) => [pid, table.get(pid)?.ticks ?? 0]))
      : groupTicks(table, group.pid, group.self ?? false));
    return { ticks, machine };
  };
  const before = await snapshot();
  return {
    async end(requests) {
      const after = await snapshot();
      const ms = (ticks: number) => Math.round((ticks / TICKS_PER_S / Math.max(requests, 1)) * 1e5) / 100;
      const percent = (ticks: number) => Math.round((ticks / Math.max(after.machine.total - before.machine.total, 1)) * 1000) / 10;
      const msPerRequest: Record<string, number> = {};
      const percentOfMachine: Record<string, number> = {};
      let ours = 0;
      groups.forEach((group, index) => {
        const start = before.ticks[index]!;
        const end = after.ticks[index]!;
        let ticks: number;
        if (typeof start === 'number' && typeof end === 'number') {
          ticks = end - start;
          ours += ticks;
        } else {
          const startMap = start as Map<number, number>;
          ticks = [...(end as Map<number, number>)].reduce((sum, [pid, t]) => sum + t - (startMap.get(pid) ?? 0), 0);
        }
        msPerRequest[group.name] = ms(ticks);
        percentOfMachine[group.name] = percent(ticks);
      });
      const busy = after.machine.busy - before.machine.busy;
      msPerRequest.machineBusy = ms(busy);
      percentOfMachine.machineBusy = percent(busy);
      msPerRequest.other = ms(Math.max(busy - ours, 0));
      percentOfMachine.other = percent(Math.max(busy - ours, 0));
      return { msPerRequest, percentOfMachine };
    },
  };
}

/** The parent of a process (a PostgreSQL backend's parent is its postmaster). */
export function parentPid(pid: number): number {
  return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.ppid ?? 0;
}
