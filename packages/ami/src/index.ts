export * from './protocol/index';
export * from './normalise/index';
export * from './client/index';
