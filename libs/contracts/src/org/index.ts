export * from './unit.events';
export * from './member.events';
export * from './structure.events';
export * from './unit-admin.events';
