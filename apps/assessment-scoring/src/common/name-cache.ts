import { RecordKind, RevisedCache } from './revised-cache';

export type NamedKind = RecordKind;

/** Names of units, members and systems by `recordKey`, each as of the read-model revision it was read at. */
export class NameCache extends RevisedCache<string> {}
