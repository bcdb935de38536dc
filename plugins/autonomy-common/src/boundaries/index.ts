export * from './teamApi';
