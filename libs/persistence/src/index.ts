export * from './tenant.plugin';
export * from './persistence.module';
export * from './schema-options';
export * from './bulk-write';
export * from './document-locks';
export * from './store-profile';
export * from './duplicate-key';
export * from './keyed-serialiser';
