export * from './locale';
export * from './translator';
