import type { Prisma, PrismaClient } from '@yixian/db';
import { normalisePhone } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';

export interface ListCallsOptions {
  hotline?: string;
  state?: string;
  agent?: string;
  caller?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

const withTickets = { tickets: { select: { id: true, code: true, state: true } } } as const;

/** Normalises a caller number from a query; a malformed one is a 400 naming the field. */
export function parseCallerNumber(raw: string, field: string): string {
  try {
    return normalisePhone(raw);
  } catch {
    throw new AppError('validation_failed', `${field} is not a phone number`, { field });
  }
}

/** Calls, newest first. Calls are the centre's records: the route limits who may read them. */
export async function listCalls(prisma: PrismaClient, options: ListCallsOptions) {
  const where: Prisma.CallWhereInput = {
    ...(options.hotline ? { hotlineNumber: options.hotline } : {}),
    ...(options.state ? { state: options.state } : {}),
    ...(options.agent ? { OR: [{ agentInterface: options.agent }, { agentUserId: options.agent }] } : {}),
    ...(options.caller ? { callerNumber: parseCallerNumber(options.caller, 'caller') } : {}),
    ...(options.from || options.to ? { enteredAt: { ...(options.from ? { gte: options.from } : {}), ...(options.to ? { lt: options.to } : {}) } } : {}),
  };
  const [total, items] = await Promise.all([
    prisma.call.count({ where }),
    prisma.call.findMany({ where, orderBy: { enteredAt: 'desc' }, skip: (options.page - 1) * options.pageSize, take: options.pageSize, include: withTickets }),
  ]);
  return { total, items };
}

/** One call by id or by Asterisk Linkedid. */
export async function getCall(prisma: PrismaClient, idOrLinkedid: string) {
  const call = await prisma.call.findFirst({
    where: { OR: [{ linkedid: idOrLinkedid }, ...(/^[0-9a-f-]{36}$/i.test(idOrLinkedid) ? [{ id: idOrLinkedid }] : [])] },
    include: withTickets,
  });
  if (!call) throw new AppError('not_found', `No call ${idOrLinkedid}`, { field: 'id' });
  return call;
}
