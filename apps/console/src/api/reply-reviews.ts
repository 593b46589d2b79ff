import { requestClient } from './client';

/** 回复审核 lists: `waiting` for the desk, `sent_back` for the unit whose reply came back. */
export type ReplyReviewStatus = 'waiting' | 'sent_back';

export interface ReplyReviewItem {
  ticketId: string;
  code: string;
  title: string;
  channel: string;
  state: string;
  unitName: string | null;
  handleDueAt: string | null;
  reply: { content: string; at: string; authorName: string | null };
  sentBack: { reason: string; at: string; reviewerName: string | null } | null;
}

/** The replies waiting for review, or the unit's replies sent back with the reason. */
export async function listReplyReviews(status: ReplyReviewStatus): Promise<ReplyReviewItem[]> {
  return (await requestClient.get<{ items: ReplyReviewItem[] }>('/tickets/reply-reviews', { query: { status } })).items;
}
