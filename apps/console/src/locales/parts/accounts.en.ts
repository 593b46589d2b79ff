/** Administration → Accounts: list, form, one-time passwords, import and export. `columns`/`states` are also the server's export words. */
export default {
  columns: {
    username: 'Username', displayName: 'Name', roles: 'Roles', unit: 'Unit', area: 'Home area', scopeAll: 'Whole district',
    scopeAreas: 'Areas in scope', scopeUnits: 'Units in scope', scopeCategories: 'Categories', extension: 'Extension', phone: 'Phone',
    state: 'State', lastLoginAt: 'Last sign-in', createdAt: 'Created',
  },
  states: { active: 'Active', disabled: 'Disabled', locked: 'Locked', must_change: 'Must change password' },
  filters: {
    search: 'Search username, name, extension or phone', role: 'Role', area: 'Area (with sub-areas)', unit: 'Unit', state: 'State', clear: 'Clear filters',
  },
  actions: {
    create: 'New account', import: 'Import', export: 'Export', edit: 'Edit', disable: 'Disable', enable: 'Enable', unlock: 'Unlock',
    resetPassword: 'Reset password', more: 'More',
  },
  list: { total: '{count} accounts', never: 'Never', unitOnly: 'You manage only the accounts of your unit ({unit}).' },
  form: {
    createTitle: 'New account', editTitle: 'Edit account: {name}', save: 'Save', cancel: 'Cancel',
    usernameHint: '3–64 letters, digits, dots, dashes or underscores; cannot be changed later.', rolesPlaceholder: 'Choose roles',
    scopeTitle: 'Data scope', scopeAllHint: 'Only centre roles (agent, shift lead, dispatcher, commander) may see the whole district.',
    extensionHint: '3–6 digits; required for agents.', phoneHint: 'A mobile number or a landline with its area code.', required: '{field} is required',
    saved: 'Saved', created: 'Account created',
  },
  confirm: {
    disable: 'Disable the account “{name}”? It is signed out everywhere at once and cannot sign in; history keeps its name.',
    enable: 'Enable the account “{name}”?', unlock: 'Lift the lock on “{name}”?',
    reset: 'Reset the password of “{name}”? A one-time password is issued, every session of the account ends, and it must change the password at its next sign-in.',
    title: 'Please confirm', ok: 'OK', cancel: 'Cancel',
  },
  done: { disabled: 'Disabled; {count} session(s) ended', enabled: 'Enabled', unlocked: 'Unlocked' },
  password: {
    title: 'One-time password', intro: 'The one-time password of {username}:',
    warning: 'It is shown only now and cannot be seen again after closing. Hand it over safely; it must be changed at the first sign-in.',
    copy: 'Copy', copied: 'Copied', close: 'I have noted it, close',
  },
  stale: {
    title: 'Someone else changed this account',
    fields: {
      displayName: 'Name', roles: 'Roles', unitId: 'Unit', areaId: 'Home area', scopeAll: 'Whole district', scopeAreaIds: 'Areas in scope',
      scopeUnitIds: 'Units in scope', scopeCategoryIds: 'Categories', extension: 'Extension', phone: 'Phone', status: 'State',
      mustChangePassword: 'Must change password', username: 'Username', version: 'Version',
    },
  },
  issues: {
    required: 'Required', bad_username: 'Bad username (3–64 letters, digits, dots, dashes or underscores)', username_taken: 'The username “{value}” is taken',
    duplicate_in_file: '“{value}” appears more than once in the file', unknown_role: 'No role “{value}”', auditor_alone: 'An auditor holds no other role',
    unknown_unit: 'No unit “{value}”', unit_inactive: 'The unit “{value}” is no longer active', unknown_area: 'No area “{value}”',
    unknown_category: 'No category “{value}”', bad_extension: 'An extension has 3–6 digits', extension_taken: 'Extension {value} is taken',
    extension_required: 'An agent needs an extension', bad_phone: '“{value}” is neither a mobile number nor a landline with its area code', unit_required: 'This role needs a unit',
    area_required: 'A grid member needs a home area and an area in scope', scope_all_not_allowed: 'Only centre roles may see the whole district', scope_empty: 'The scope is empty: choose areas or units in scope; a centre role (agent, shift lead, dispatcher, commander) may also see the whole district (“Whole district” = yes in the sheet)',
    role_not_allowed: 'You may give only unit roles (handler, liaison, grid member)', outside_unit: 'Outside your unit',
    ambiguous_name: '“{value}” names several: use its code', bad_yes_no: '“{value}” should be yes or no',
  },
  import: {
    title: 'Import accounts', step1: 'Download the template', step2: 'Choose the file and check it', step3: 'Import',
    templateHint: 'Fill in the template: one account per row, several values separated by commas. The second sheet lists the valid roles, units and areas.',
    downloadTemplate: 'Download template', chooseFile: 'Choose an XLSX file', check: 'Check (writes nothing)', rechoose: 'Choose another file',
    checking: 'Checking…', importing: 'Importing, please wait…',
    clean: 'All {rows} rows can be imported.', problems: '{count} problem(s) in {rows} rows: correct the file and check it again.',
    row: 'Row', column: 'Column', problem: 'Problem', doImport: 'Import {rows} accounts',
    doneTitle: 'Import finished', done: '{count} accounts created.', byRole: 'By role',
    passwordsWarning: 'The sheet of one-time passwords can be downloaded only now: download it and keep it safe, then hand each password to its owner. Each must be changed at the first sign-in.',
    downloadPasswords: 'Download the one-time passwords', close: 'Close', fileRefused: 'The file cannot be read: {message}',
  },
};
