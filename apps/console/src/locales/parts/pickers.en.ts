/** The unit, area and category pickers (shared by the desk, dispatch and ticket dialogs). */
export default {
  unitPlaceholder: 'Type a name or pinyin, e.g. cgj, chengguan',
  unitsPlaceholder: 'Supporting units, several allowed (name or pinyin)',
  areaPlaceholder: 'Type a street or grid name or pinyin',
  categoryPlaceholder: 'Type a category name or pinyin',
  noMatch: 'Nothing matches “{query}”; choose from the list',
  unknownBlocked: 'A chosen unit is no longer valid; choose again before sending',
  leadUnit: 'Lead unit',
  supportingUnits: 'Supporting units',
  trailSupporting: 'Supporting',
  loading: 'Loading…',
  tier: 'Linkage tier {tier}',
  police: 'Police',
  unknownUnit: 'Unit “{value}” does not exist or is inactive; choose again',
  unknownArea: 'Area “{value}” does not exist; choose again',
  unknownCategory: 'Category “{value}” does not exist or is inactive; choose again',
  unitTypes: {
    police_desk: 'Police',
    department: 'District departments',
    street_office: 'Streets and towns',
    grid_team: 'Grids',
  },
};
