import { NO_CONTROL_OR_FORMAT, TEXT_MAX_LENGTH, TextKind } from '@campaign/service-kit';
import { ScimUserIn } from './scim-user-mapping';

type Checked = [attribute: string, value: unknown, kind: TextKind];

/** The platform's text policy for one attribute: its kind's maximum length, and no control or format character. */
function problemsOf(checked: Checked[]): string[] {
  return checked.flatMap(([attribute, value, kind]) => {
    if (typeof value !== 'string') return [];
    if (value.length > TEXT_MAX_LENGTH[kind]) return [`${attribute} is longer than ${TEXT_MAX_LENGTH[kind]} characters`];
    return NO_CONTROL_OR_FORMAT.test(value) ? [] : [`${attribute} must not contain control or format characters (bidi, zero-width)`];
  });
}

/** A user's identifiers, names and e-mail addresses that break the text policy (any script is welcome). */
export function scimUserTextProblems(user: ScimUserIn): string[] {
  return problemsOf([
    ['userName', user.userName, 'code'],
    ['externalId', user.externalId, 'code'],
    ['displayName', user.displayName, 'name'],
    ['name.formatted', user.name?.formatted, 'name'],
    ['name.familyName', user.name?.familyName, 'name'],
    ['name.givenName', user.name?.givenName, 'name'],
    ...(user.emails ?? []).map((email, index): Checked => [`emails[${index}].value`, email.value, 'name']),
  ]);
}

/** A group's name and external id that break the text policy. */
export function scimGroupTextProblems(group: { displayName?: string; externalId?: string }): string[] {
  return problemsOf([
    ['displayName', group.displayName, 'name'],
    ['externalId', group.externalId, 'code'],
  ]);
}
