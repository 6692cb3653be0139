import { SetMetadata } from '@nestjs/common';

export const SHOW_NAMES = Symbol('SHOW_NAMES');

/** What an id field names: a unit or member of the read model, or a carrier of the document's campaign. */
export type NamedKind = 'unit' | 'member' | 'carrier';
export type NameSpec = Record<string, NamedKind>;

/**
 * The response shows a name beside each of these ids: `memberId` gets `memberName`, `invitedUnitIds` gets
 * `invitedUnitNames`. Applies to an object, to each element of an array, and to each of a page's `items`.
 */
export const ShowNames = (spec: NameSpec) => SetMetadata(SHOW_NAMES, spec);

export function nameFieldOf(idField: string): string {
  return idField.endsWith('Ids') ? `${idField.slice(0, -3)}Names` : `${idField.replace(/Id$/, '')}Name`;
}
