/**
 * The ticket's columns for raw SQL that must give a `Prisma`-shaped `Ticket` (the columns carry the
 * fields' names), and the one difference a raw read shows: a NULL array column, which Prisma's
 * typed reads give as an empty list.
 */
import { Prisma, type Ticket } from '@yixian/db';

export const TICKET_COLUMNS = Prisma.raw(Object.values(Prisma.TicketScalarFieldEnum).map((column) => `"${column}"`).join(', '));

/** A raw ticket row as Prisma's typed reads would give it. */
export function fromTicketRow(row: Ticket): Ticket {
  return { ...row, supportingUnitIds: row.supportingUnitIds ?? [] };
}
