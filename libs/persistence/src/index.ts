export * from './tenant.plugin';
export * from './persistence.module';
export * from './schema-options';
