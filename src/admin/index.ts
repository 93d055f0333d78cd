// The workflows behind every console action, written once over MsdbExecutor: they run unchanged
// against a real master or the lab's simulated one.
export * from './calls';
export * from './errors';
export * from './schemas';
export * from './script';
export * from './targets';
export * from './forcePoll';
export * from './postInstruction';
export * from './forceDefection';
export * from './resync';
export * from './downloadList';
export * from './groups';
export * from './jobs';
export * from './explorer';
export * from './serverInfo';
