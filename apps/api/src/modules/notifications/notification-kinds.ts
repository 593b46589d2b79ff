/** Why an inbox entry was written; also drives whether a text message goes out. */
export const NOTIFICATION_KINDS = {
  dispatch: 'dispatch',
  return: 'return',
  reminder: 'reminder',
  supervision: 'supervision',
  notice: 'notice',
  reopen: 'reopen',
  extension: 'extension',
  follow_up: 'follow_up',
  /** 回复审核 sent the unit's reply back; the body carries the reason. */
  reply_rejected: 'reply_rejected',
  /** 现场核查: a unit replied on a ticket of the grid; the grid's workers are asked to check it on site. */
  verification: 'verification',
  /** A task given to the unit on an incident (issue 16). */
  incident_task: 'incident_task',
  /** An incident task past its deadline and not done: the commanders and the unit. */
  incident_task_overdue: 'incident_task_overdue',
  /** A tier-1 unit's roster leaves nobody on duty now or within the look-ahead: the commanders. */
  duty_gap: 'duty_gap',
  /** 预警信息: a published (or republished) warning reached this unit or grid worker; SMS and calls go out from the warnings module. */
  warning: 'warning',
  /** A recipient has not acknowledged a published warning yet (at most 3 reminders). */
  warning_reminder: 'warning_reminder',
  /** A unit activated on an incident; an incident report overdue, an activated unit unreached (commanders). */
  incident_activation: 'incident_activation',
  incident_report_overdue: 'incident_report_overdue',
  incident_unreached: 'incident_unreached',
} as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[keyof typeof NOTIFICATION_KINDS];

/** Kinds that also go out as a text message by default (a unit must not miss them off-screen). */
export const SMS_KINDS: readonly NotificationKind[] = Object.freeze([
  NOTIFICATION_KINDS.dispatch,
  NOTIFICATION_KINDS.reminder,
  NOTIFICATION_KINDS.supervision,
  NOTIFICATION_KINDS.notice,
  NOTIFICATION_KINDS.reopen,
]);

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && Object.values(NOTIFICATION_KINDS).includes(value as NotificationKind);
}
