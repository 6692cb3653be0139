export * from './envelope';
export * from './common';
export * from './streams';
export * from './registry';
export * from './org';
export * from './activity';
export * from './scoring';
export * from './notifications';
