/** Administration → Work calendar. */
export default {
  year: '{year}',
  summary: '{holidays} holidays, {workdays} make-up working days',
  unsaved: 'Not saved',
  builtIn: 'Built-in default',
  none: 'Not set yet',
  empty: 'No holidays for this year yet',
  columns: { date: 'Date', kind: 'Kind', name: 'Name' },
  kinds: { holiday: 'Holiday', workday: 'Make-up working day' },
  importTitle: 'Import the {year} holiday arrangements',
  importHint: "As in the State Council's notice, one day per row: date, kind (放假 holiday / 上班 workday), name; paste it straight from a spreadsheet. Saving replaces the whole year.",
  placeholder: 'date\tkind\tname\n2027-02-06\tholiday\tSpring Festival\n2027-02-20\tworkday\tSpring Festival',
  read: 'Read and preview',
  save: 'Save {year}',
  discard: 'Discard',
  affects: 'Moves the deadlines of {n} open tickets',
  saved: 'The {year} work calendar is saved; the deadlines of {n} open tickets were re-planned',
};
