export * from './enum-helpers';
export * from './roles';
export * from './ticket-enums';
export * from './org-enums';
export * from './call-enums';
export * from './ticket-machine';
export * from './work-calendar';
export * from './cn-holidays';
