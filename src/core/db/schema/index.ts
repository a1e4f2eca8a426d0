export * from './meta';
export * from './street';
export * from './registry';
export * from './network';
export * from './audit';
export * from './service';
export * from './meetings';
export * from './tallies';
