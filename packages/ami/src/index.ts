export * from './protocol/index';
export * from './normalise/index';
