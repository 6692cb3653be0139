export * from './config';
export * from './request-context';
export * from './health';
export * from './metrics';
export * from './service-kit.module';
export * from './bootstrap';
export * from './text-policy';
export * from './rate-limit';
