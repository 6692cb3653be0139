export * from './free-port';
export * from './managed-process';
export * from './infrastructure';
export * from './test-service';
export * from './platform';
export * from './smtp-sink';
export * from './consumer-backlog';
