export * from './heartbeat.js';
export * from './logger.js';
export * from './password.js';
export * from './queues.js';
export * from './pbx-command-types.js';
export * from './pbx-link.js';
export * from './password-policy.js';
export * from './production-mode.js';
