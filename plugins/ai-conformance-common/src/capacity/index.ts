export * from './types';
export * from './findCapacity';
export * from './api';
