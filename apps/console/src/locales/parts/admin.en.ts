/** Administration: the section tabs and what each one manages. Each section adds its own part file. */
export default {
  queueDashboard: 'Queue dashboard',
  queueDashboardHint: 'Backlog, failures and jobs of the background queues (read-only, opens in a new tab)',
  sections: {
    accounts: 'Accounts',
    units: 'Units',
    areas: 'Areas and grids',
    hotlines: 'Hotlines',
    categories: 'Categories',
    rules: 'Classification rules',
    calendar: 'Work calendar',
  },
  descriptions: {
    accounts: 'Find, create and edit accounts; disable, unlock, reset passwords; import and export in bulk.',
    units: 'Departments, streets, grid teams and the police desk: parent, level, linkage tier, duty phone and categories handled.',
    areas: 'District → streets → grids, with boundaries imported from GeoJSON, validated and shown on the map.',
    hotlines: 'Number, name and what happens after hours.',
    categories: 'The category tree: police flag, handling level, sign-for / reply / extension limits and extra fields.',
    rules: 'Keyword rules for police / non-police classification, with a box to try a sample text.',
    calendar: 'Holidays and make-up working days per year, previewed as the deadlines of open tickets they move.',
  },
};
