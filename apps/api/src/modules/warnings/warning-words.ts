/**
 * The words a warning's notices and text messages carry. They leave the product (inbox titles are
 * stored, SMS bodies are sent), so they are written in the district's language here, once.
 */
import type { Warning } from '@yixian/db';

const LEVEL_WORDS: Record<string, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

/** `【红色预警】暴雨` */
export const warningHeading = (warning: Pick<Warning, 'level' | 'title'>) => `【${LEVEL_WORDS[warning.level] ?? ''}预警】${warning.title}`.slice(0, 200);

export function noticeTitle(warning: Pick<Warning, 'level' | 'title' | 'revision'>): string {
  return warning.revision > 1 ? `${warningHeading(warning)}（更新）`.slice(0, 200) : warningHeading(warning);
}

export const reminderTitle = (warning: Pick<Warning, 'level' | 'title'>, round: number) => `请确认：${warningHeading(warning)}（第 ${round} 次提醒）`.slice(0, 200);

export const liftTitle = (warning: Pick<Warning, 'level' | 'title'>) => `已解除：${warningHeading(warning)}`.slice(0, 200);

/** The text message: heading, text, and how to acknowledge. */
export const smsBody = (warning: Pick<Warning, 'level' | 'title' | 'text' | 'code'>) =>
  `${warningHeading(warning)} ${warning.text}（${warning.code}，请在系统中确认收到）`;
