export * from './demo-district';
export * from './seed.module';
export * from './seed.service';
