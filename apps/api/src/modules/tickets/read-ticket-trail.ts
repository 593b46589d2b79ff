/**
 * A ticket's trail and the files its entries carry, in one statement: the detail (GET
 * /api/tickets/:id and the answer to every act) read them as two, and every statement costs a
 * round trip on top of PostgreSQL's work.
 */
import { PREPARED_SQL, Prisma, queryRows, type PrismaClient, type TicketEvent } from '@yixian/db';
import { actAttachmentsColumn, fromActAttachmentsColumn } from '../attachments/list-act-attachments.js';
import type { AttachmentView } from '../attachments/present-attachment.js';

export interface TicketTrail {
  /** Oldest first, as Prisma's typed read gives them. */
  events: TicketEvent[];
  /** The files each entry carries, by the entry's id; entries without files are absent. */
  attachments: Map<string, AttachmentView[]>;
}

type TrailRow = TicketEvent & { files: unknown };

/** The trail oldest first, each entry with its files (see `actAttachmentsColumn`). */
export async function readTicketTrail(prisma: Pick<PrismaClient, '$queryRaw'>, ticketId: string): Promise<TicketTrail> {
  // `at` is a timestamp(3) holding UTC; the driver reads it as UTC, as Prisma's typed reads do.
  const rows = await queryRows<TrailRow>(prisma, Prisma.sql`${PREPARED_SQL}
    SELECT e.id, e."ticketId", e.action, e."fromState", e."toState", e."actorId", e."actorRole", e."unitId", e.reason, e.data, e.at,
      ${actAttachmentsColumn('e')} AS files
    FROM ticket_event e WHERE e."ticketId" = ${ticketId} ORDER BY e.id`);
  const events: TicketEvent[] = [];
  const attachments = new Map<string, AttachmentView[]>();
  for (const { files, ...event } of rows) {
    events.push(event);
    const views = fromActAttachmentsColumn(files);
    if (views.length > 0) attachments.set(String(event.id), views);
  }
  return { events, attachments };
}
