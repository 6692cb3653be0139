import { MemberFields } from '../members/member-changes';
import { MemberDocument } from '../members/member.schema';

export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface ScimUserIn {
  userName?: string;
  externalId?: string;
  displayName?: string;
  title?: string;
  active?: boolean;
  name?: { formatted?: string; givenName?: string; familyName?: string };
  emails?: { value?: string; primary?: boolean; type?: string }[];
  phoneNumbers?: { value?: string; primary?: boolean; type?: string }[];
  [ENTERPRISE_USER]?: { department?: string };
}

export function etagOf(revision: number): string {
  return `W/"${revision}"`;
}

/** A member as a SCIM User; the unit is the enterprise `department` (its code). */
export function memberToScimUser(member: MemberDocument, unitCode: string | undefined): Record<string, unknown> {
  return {
    id: member._id,
    userName: member.userName ?? member.externalId ?? member._id,
    ...(member.externalId ? { externalId: member.externalId } : {}),
    name: {
      formatted: member.name,
      ...(member.givenName ? { givenName: member.givenName } : {}),
      ...(member.familyName ? { familyName: member.familyName } : {}),
    },
    displayName: member.name,
    active: member.status === 'active',
    ...(member.posts?.length ? { title: member.posts.join('、') } : {}),
    ...(member.contacts?.email ? { emails: [{ value: member.contacts.email, type: 'work', primary: true }] } : {}),
    ...(member.contacts?.phone ? { phoneNumbers: [{ value: member.contacts.phone, type: 'work' }] } : {}),
    ...(unitCode ? { [ENTERPRISE_USER]: { department: unitCode } } : {}),
    meta: {
      resourceType: 'User',
      ...(member.createdAt ? { created: new Date(member.createdAt) } : {}),
      ...(member.updatedAt ? { lastModified: new Date(member.updatedAt) } : {}),
      version: etagOf(member.revision),
    },
  };
}

function preferred<T extends { primary?: boolean }>(values: T[] | undefined): T | undefined {
  return values?.find((v) => v.primary) ?? values?.[0];
}

/** The person's display name: formatted, else displayName, else family + given (no space: Chinese order). */
export function displayNameOf(user: ScimUserIn): string | undefined {
  const joined = [user.name?.familyName, user.name?.givenName].filter(Boolean).join('');
  return user.name?.formatted || user.displayName || joined || undefined;
}

/**
 * The member fields a SCIM User sets on top of the stored member (PUT is a full replace of what SCIM owns: names,
 * identifiers, contacts, active; posts and flags maintained in the registry stay unless `title` is sent).
 */
export function scimUserToFields(user: ScimUserIn, current: MemberFields | undefined, unit: { _id: string; path: string[] }): MemberFields | string {
  const name = displayNameOf(user) ?? current?.name;
  if (!name) return 'name: a user needs name.formatted, displayName or name.familyName/givenName';
  const email = preferred(user.emails)?.value;
  const phone = preferred(user.phoneNumbers)?.value;
  const active = user.active ?? true;
  const base: MemberFields = current ?? { name, unitId: unit._id, unitPath: unit.path, posts: [], isLeader: false, isKeyPost: false, status: 'active', contacts: {} };
  const stillActive = base.status === 'active';
  return {
    ...base,
    name,
    userName: user.userName ?? base.userName,
    externalId: user.externalId ?? base.externalId,
    givenName: user.name?.givenName,
    familyName: user.name?.familyName,
    unitId: unit._id,
    unitPath: unit.path,
    posts: user.title !== undefined ? user.title.split('、').map((p) => p.trim()).filter(Boolean) : base.posts,
    status: active ? 'active' : stillActive ? 'left' : base.status,
    contacts: { ...base.contacts, email, phone },
  };
}
