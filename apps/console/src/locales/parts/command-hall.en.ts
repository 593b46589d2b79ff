/** The command hall (the emergency big screen). Same keys as `command-hall.zh-CN.ts`. */
const commandHallEn = {
  menu: 'Command hall',
  title: 'Command hall',
  exit: 'Leave big screen',
  live: { open: 'Live', connecting: 'Connecting', reconnecting: 'Reconnecting', idle: 'Offline', unauthenticated: 'Signed out' },
  updatedAt: 'Updated {time}',
  loadFailed: 'Could not load the big screen; retrying shortly',
  kpi: { incidents: 'Open incidents', acknowledged: 'Units acknowledged', overdueTasks: 'Overdue tasks', warnings: 'Warnings in force', gaps: 'Duty gaps' },
  panels: {
    map: 'Incidents on the map', incidents: 'Activated units', tasks: 'Task board', resources: 'Resources committed', duty: 'On duty now (tier-1 units)',
    warnings: 'Warnings in force', timeline: 'Live timeline',
  },
  legend: 'Legend',
  empty: {
    incidents: 'No incident is open', tasks: 'No tasks', resources: 'No resources allocated', warnings: 'No warning in force', timeline: 'Nothing yet', activations: 'No unit activated yet',
  },
  ackCount: '{acknowledged}/{total} acknowledged',
  casualties: 'Dead {deaths} · injured {injuries} · missing {missing}',
  nextReport: '{kind} due {time}',
  nextReportOverdue: '{kind} overdue',
  due: 'due {time}',
  overdue: 'Overdue',
  committed: 'In use',
  dispatched: 'Dispatched',
  onDuty: 'On duty',
  deputy: 'Deputy',
  nobody: 'Nobody on duty',
  gapAlarm: 'Duty gap: {unit}',
  gapUntil: '{unit} (until {time})',
  warningAck: 'Acknowledged {acknowledged}/{total}',
  warningUntil: 'Valid until {time}',
  trailBy: '{name}',
};

export default commandHallEn;
