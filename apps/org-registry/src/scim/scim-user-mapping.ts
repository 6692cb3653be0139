import { contactChannels } from '@campaign/contracts';
import { MemberFields } from '../members/member-changes';
import { DirectoryProfile, MemberDocument, PostalAddress, TypedValue } from '../members/member.schema';
import { Placement } from '../placement/placement.service';

export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface ScimTypedValue {
  value?: string;
  type?: string;
  primary?: boolean;
  display?: string;
}

export type ScimAddress = Omit<PostalAddress, 'primary'> & { primary?: boolean };

export interface ScimEnterpriseUser {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: { value?: string; $ref?: string; displayName?: string };
}

export interface ScimUserIn {
  userName?: string;
  externalId?: string;
  displayName?: string;
  title?: string;
  active?: boolean;
  name?: { formatted?: string; givenName?: string; familyName?: string };
  emails?: ScimTypedValue[];
  phoneNumbers?: ScimTypedValue[];
  addresses?: ScimAddress[];
  [ENTERPRISE_USER]?: ScimEnterpriseUser;
}

export function etagOf(revision: number): string {
  return `W/"${revision}"`;
}

/** What a User's egress needs beyond the member: where Users live and the manager's name when they are a member. */
export interface UserEgressContext {
  usersPath: string;
  managerName?: string;
}

function withoutEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined && inner !== null && inner !== '')) as Partial<T>;
}

function enterpriseOf(directory: DirectoryProfile, context: UserEgressContext): ScimEnterpriseUser {
  const manager = directory.manager;
  return withoutEmpty({
    employeeNumber: directory.employeeNumber,
    costCenter: directory.costCenter,
    organization: directory.organization,
    division: directory.division,
    department: directory.department,
    manager: manager?.value
      ? withoutEmpty({ value: manager.value, $ref: context.managerName ? `${context.usersPath}/${manager.value}` : undefined, displayName: context.managerName ?? manager.displayName })
      : undefined,
  });
}

/** A member as a SCIM User: the identity provider's own values where it sent them, the platform's fields otherwise. */
export function memberToScimUser(member: MemberDocument, context: UserEgressContext): Record<string, unknown> {
  const directory = member.directory ?? {};
  const emails = directory.emails?.length ? directory.emails : member.contacts?.email ? [{ value: member.contacts.email, type: 'work', primary: true }] : undefined;
  const phoneNumbers = directory.phoneNumbers?.length ? directory.phoneNumbers : member.contacts?.phone ? [{ value: member.contacts.phone, type: 'work' }] : undefined;
  const enterprise = enterpriseOf(directory, context);
  return {
    id: member._id,
    userName: member.userName ?? member.externalId ?? member._id,
    ...(member.externalId ? { externalId: member.externalId } : {}),
    name: {
      formatted: directory.formattedName ?? member.name,
      ...(member.givenName ? { givenName: member.givenName } : {}),
      ...(member.familyName ? { familyName: member.familyName } : {}),
    },
    displayName: member.name,
    active: member.status === 'active',
    ...(member.posts?.length ? { title: member.posts.join('、') } : {}),
    ...(emails ? { emails } : {}),
    ...(phoneNumbers ? { phoneNumbers } : {}),
    ...(directory.addresses?.length ? { addresses: directory.addresses } : {}),
    ...(Object.keys(enterprise).length ? { [ENTERPRISE_USER]: enterprise } : {}),
    meta: {
      resourceType: 'User',
      ...(member.createdAt ? { created: new Date(member.createdAt) } : {}),
      ...(member.updatedAt ? { lastModified: new Date(member.updatedAt) } : {}),
      version: etagOf(member.revision),
    },
  };
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function trimmed(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}

/** Family and given name as one: Chinese order without a space, else given name first. */
function joinedName(familyName: string | undefined, givenName: string | undefined): string | undefined {
  const parts = [trimmed(familyName), trimmed(givenName)];
  if (!parts[0] && !parts[1]) return undefined;
  return CJK.test(parts.join('')) ? parts.join('') : [parts[1], parts[0]].filter(Boolean).join(' ');
}

/** The person's name in the platform: displayName, else name.formatted, else family + given name. */
export function displayNameOf(user: ScimUserIn): string | undefined {
  return trimmed(user.displayName) ?? trimmed(user.name?.formatted) ?? joinedName(user.name?.familyName, user.name?.givenName);
}

function typedValues(values: ScimTypedValue[] | undefined): TypedValue[] | undefined {
  const kept = (values ?? [])
    .filter((entry) => trimmed(entry.value))
    .map((entry) => withoutEmpty({ value: (entry.value as string).trim(), type: entry.type?.toLowerCase(), primary: entry.primary, display: entry.display }) as TypedValue);
  return kept.length ? kept : undefined;
}

function postalAddresses(values: ScimAddress[] | undefined): PostalAddress[] | undefined {
  const kept = (values ?? [])
    .map((entry) => withoutEmpty({ ...entry, type: entry.type?.toLowerCase() }) as PostalAddress)
    .filter((entry) => Object.keys(entry).some((key) => key !== 'type' && key !== 'primary'));
  return kept.length ? kept : undefined;
}

/** Everything the identity provider sent beyond the platform's own fields, kept to be given back as sent. */
export function directoryOf(user: ScimUserIn): DirectoryProfile | undefined {
  const enterprise = user[ENTERPRISE_USER] ?? {};
  const manager = trimmed(enterprise.manager?.value);
  const profile = withoutEmpty({
    formattedName: trimmed(user.name?.formatted),
    emails: typedValues(user.emails),
    phoneNumbers: typedValues(user.phoneNumbers),
    addresses: postalAddresses(user.addresses),
    employeeNumber: trimmed(enterprise.employeeNumber),
    costCenter: trimmed(enterprise.costCenter),
    organization: trimmed(enterprise.organization),
    division: trimmed(enterprise.division),
    department: trimmed(enterprise.department),
    manager: manager ? withoutEmpty({ value: manager, displayName: trimmed(enterprise.manager?.displayName) }) : undefined,
  }) as DirectoryProfile;
  return Object.keys(profile).length ? profile : undefined;
}

const isEmail = (value: string) => contactChannels.shape.email.safeParse(value).success;

/** The value the platform contacts the member at: the primary one, else a work one, else the first. */
function preferred(values: TypedValue[] | undefined, usable: (value: string) => boolean = () => true): string | undefined {
  const candidates = (values ?? []).filter((entry) => usable(entry.value));
  return (candidates.find((entry) => entry.primary) ?? candidates.find((entry) => entry.type === 'work') ?? candidates[0])?.value;
}

/**
 * The member fields a SCIM User sets on top of the stored member (PUT is a full replace of what SCIM owns: names,
 * identifiers, contacts, the directory profile, active; posts and flags maintained in the registry stay unless `title`
 * is sent). Undefined when the User has no name at all.
 */
export function scimUserToFields(user: ScimUserIn, current: MemberFields | undefined, placement: Placement): MemberFields | undefined {
  const name = displayNameOf(user) ?? current?.name;
  if (!name) return undefined;
  const directory = directoryOf(user);
  const active = user.active ?? true;
  const base: MemberFields = current ?? { name, unitId: placement.unitId, unitPath: placement.unitPath, posts: [], isLeader: false, isKeyPost: false, status: 'active', contacts: {} };
  const stillActive = base.status === 'active';
  return {
    ...base,
    name,
    userName: user.userName ?? base.userName,
    externalId: user.externalId ?? base.externalId,
    givenName: trimmed(user.name?.givenName),
    familyName: trimmed(user.name?.familyName),
    unitId: placement.unitId,
    unitPath: placement.unitPath,
    awaitingPlacement: placement.awaitingPlacement,
    posts: user.title !== undefined ? user.title.split('、').map((p) => p.trim()).filter(Boolean) : base.posts,
    status: active ? 'active' : stillActive ? 'left' : base.status,
    contacts: { ...base.contacts, email: preferred(directory?.emails, isEmail), phone: preferred(directory?.phoneNumbers) },
    directory,
  };
}
