/**
 * The outbox page's pure parts: what an item is (a report with its description, a reply, a return
 * or an on-site check on a ticket) and its state and problem in words.
 */
import { describeApiError } from '#/api/error-message';
import { OUTBOX_STATES, type OutboxItem, type OutboxProblem } from '../../offline/phone-db';

type Translate = { t: (key: string, values?: Record<string, unknown>) => string; te: (key: string) => boolean };

/** The item's title: 巡查上报 (with its ticket code once filed), or the act and its ticket (回复工单 <code>, 退回工单 <code>, 核查工单 <code>). */
export function describeOutboxItem(item: OutboxItem, { t }: Translate): { title: string; text: string } {
  if (item.kind === 'report') {
    return { title: item.ticketCode ? t('mobile.outbox.reportFiled', { code: item.ticketCode }) : t('mobile.outbox.report'), text: item.body.description };
  }
  return { title: t(`mobile.outbox.acts.${item.action}`, { code: item.ticketCode }), text: item.text };
}

/** The problem in words: a message of ours, or the API's refusal in the user's language. */
export function describeOutboxProblem(problem: OutboxProblem | null, translate: Translate): string {
  if (!problem) return '';
  const { t, te } = translate;
  if ('key' in problem) {
    const values: Record<string, string> = { ...problem.values };
    if (values.state) values.state = te(`ticket.states.${values.state}`) ? t(`ticket.states.${values.state}`) : values.state;
    return t(problem.key, values);
  }
  return describeApiError(problem.error, { t: (key) => t(key), te });
}

/** The state line: 等待发送 / 正在发送 / 发送失败：… / 已被拒绝：… */
export function describeOutboxState(item: Pick<OutboxItem, 'state' | 'problem'>, translate: Translate): string {
  const { t } = translate;
  if (item.state === OUTBOX_STATES.waiting || item.state === OUTBOX_STATES.sending) return t(`mobile.outbox.states.${item.state}`);
  return t(`mobile.outbox.states.${item.state}`, { reason: describeOutboxProblem(item.problem, translate) });
}

/** How many photos go with the item. */
export function countPhotos(item: OutboxItem): number {
  return item.photos.length + (item.kind === 'report' ? item.afterPhotos.length : 0);
}
