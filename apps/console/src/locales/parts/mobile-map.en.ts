/** The phone app's map (`/m/map`). Same keys as `mobile-map.zh-CN.ts`. */
const mobileMapEn = {
  tab: 'Map',
  title: 'Grid map',
  mapLabel: 'Map of grids and tickets',
  areasMore: '{names} and others: {count} areas',
  noArea: 'Your account has no grid: the map shows tickets only',
  truncated: 'Many tickets in your scope: showing the {count} with the nearest deadlines',
  noTickets: 'No open tickets in your scope',
  unplaced: 'Tickets without a position {count}',
  loadFailed: 'The map could not be loaded: tap Refresh to try again',
  offline: 'Offline, and no map was kept on this phone: open the map when you have signal',
  mapFailed: 'The map could not be loaded (offline); the tickets are still listed below',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  legend: {
    overdue: 'Overdue',
    urgent: 'Urgent',
    normal: 'Normal',
    me: 'Me',
  },
  position: {
    denied: 'Location not allowed: your position is not shown',
    unavailable: 'No location fix yet: your position is not shown',
    unsupported: 'This phone cannot give its location',
  },
  popup: {
    category: 'Category: {name}',
    open: 'Open ticket',
  },
};

export default mobileMapEn;
