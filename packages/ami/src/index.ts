export * from './protocol/index';
