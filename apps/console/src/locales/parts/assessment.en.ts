import type { AssessmentMessages } from './assessment.zh-CN';

/** One-click assessment (English). */
const assessmentEn: AssessmentMessages = {
  title: 'One-click assessment',
  description: 'Score and rank every unit for a period with one click under an assessment scheme, with red and black lists and a drill-down to the tickets behind every figure.',
  tabs: { runs: 'Results', schemes: 'Schemes' },
  unitTypes: { department: 'Departments', street_office: 'Street offices', grid_team: 'Grid teams' },
  indicators: {
    on_time_sign: 'On-time sign-for', on_time_completion: 'On-time completion', return_rate: 'Return rate', redo_rate: 'Redo rate',
    satisfaction: 'Satisfaction', extension_rate: 'Extension rate', direct_answer: 'Direct answer', mailbox_on_time: 'Mailbox on-time reply',
    supervision_count: 'Supervisions', notice_count: 'Notices',
    grid_settlement: 'Settled in the grid', on_spot_count: 'Handled on the spot', patrol_report_count: 'Patrol reports filed',
    activation_ack_rate: 'Activations acknowledged', activation_ack_minutes: 'Median time to acknowledge (min)', task_on_time: 'Emergency tasks on time', warning_ack_rate: 'Warnings acknowledged',
  },
  periodKinds: { month: 'Month', half_year: 'Half-year', year: 'Year' },
  halves: { 1: 'First half', 2: 'Second half' },
  status: { draft: 'Draft', published: 'Published' },
  run: {
    scheme: 'Scheme', period: 'Period', year: 'Year', month: 'Month', half: 'Half', start: 'Assess now', running: 'Computing…',
    list: 'Past assessments', empty: 'No assessment yet: pick a period and click "Assess now"', computedAt: 'Computed {time}', version: 'version {version}',
    select: 'Open', publish: 'Publish', recompute: 'Recompute', delete: 'Delete', exportXlsx: 'Export Excel', exportCsv: 'Export CSV',
    publishConfirm: 'A published result can no longer be changed or deleted. Publish it?', deleteConfirm: 'Delete this draft result?', confirm: 'Confirm', cancel: 'Cancel',
    published: 'Published; the result is now final', recomputed: 'Recomputed', deleted: 'Deleted', created: 'Assessment done',
    rank: 'Rank', unit: 'Unit', score: 'Score', red: 'Red list (top five)', black: 'Black list (bottom five)', noData: 'No data', unranked: 'Not ranked', partial: 'Some indicators had no data; weights re-normalised over the rest', noDataHint: 'Units without data (denominators 0) are not ranked and on neither list', listEmpty: 'None',
    noUnits: 'No units of this type',
    pickRun: 'Pick an assessment on the left to see its result', loadFailed: 'Could not load', points: '{points} pts',
  },
  drill: {
    title: '{unit} · {indicator}', stored: 'When assessed: {numerator} / {denominator} = {value}', current: 'Recomputed now: {numerator} / {denominator} = {value}',
    changed: 'The ticket trail changed after the assessment; recomputing now gives a different figure', code: 'Ticket', ticketTitle: 'Title', state: 'State', inNumerator: 'In numerator',
    category: 'Category', unit: 'Lead unit', dispatchedAt: 'Dispatched', repliedAt: 'Replied', yes: 'Yes', no: 'No', confidential: '(confidential)', hidden: '{count} tickets on this page are outside your scope',
    empty: 'No tickets',
    emptyRecords: 'No records', recordCode: 'Incident / warning', recordTitle: 'Title', recordKind: 'Kind',
    recordKinds: { activation: 'Unit activation', task: 'Emergency task', warning_recipient: 'Warning received' },
    recordAt: { activation: 'Activated', task: 'Due', warning_recipient: 'Published' },
    recordSettledAt: { activation: 'Acknowledged', task: 'Done', warning_recipient: 'Acknowledged' },
  },
  scheme: {
    list: 'Schemes', name: 'Name', nameEn: 'English name', description: 'Description', note: 'Change note', versions: 'Versions', version: 'version {version}',
    edit: 'Edit (saves a new version)', create: 'New scheme', save: 'Save', saved: 'Saved as version {version}', cancel: 'Cancel',
    indicator: 'Indicator', weight: 'Weight', rule: 'Scoring rule', add: 'Add indicator', remove: 'Remove', total: 'Total {total}',
    weightsOff: '{type}: weights add up to {total}, not 100', linear: 'Linear', deduction: 'Deduction', zeroAt: 'Zero at', fullAt: 'Full at', zeroAtCount: 'Zero at (count)', fullAtCount: 'Full at (count)', zeroAtMinutes: 'Zero at (minutes)', fullAtMinutes: 'Full at (minutes)',
    pointsPerEvent: 'Points per event', whenNoData: 'No data', noDataFull: 'full marks', noDataExclude: 'left out (not ranked)', noDataZero: 'zero', notAssessed: 'This unit type is not assessed',
    readOnly: 'Only a system administrator can edit schemes', empty: 'No scheme yet', ruleHint: 'Rate thresholds are 0–1; for "lower is better" indicators full-at is below zero-at',
  },
};

export default assessmentEn;
