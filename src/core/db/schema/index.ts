export * from './meta';
export * from './street';
export * from './audit';
