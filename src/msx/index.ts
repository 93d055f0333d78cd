export * from './messages';
export * from './errors';
export * from './operations';
export * from './status';
export * from './guid';
export * from './datetime';
export * from './rows';
export * from './version';
