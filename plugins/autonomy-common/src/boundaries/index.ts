export * from './teamApi';
export * from './types';
