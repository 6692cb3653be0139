export * from './org-read-model.options';
export * from './org-record-keys';
export * from './org-read-model.schemas';
export * from './revision-guard';
export * from './org-read-model.service';
export * from './org-read-model.handlers';
export * from './org-read-model.module';
