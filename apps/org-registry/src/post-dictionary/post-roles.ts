import { POST_ROLES } from '@campaign/contracts';

export type PostRole = (typeof POST_ROLES)[number];

/** One line of a district's post dictionary: a post title and the role it gives, or none. */
export interface PostEntry {
  title: string;
  role: PostRole | null;
}

/** Titles that give a role; a title absent from the dictionary, or mapped to none, gives nothing. */
export type PostRoleLookup = ReadonlyMap<string, PostRole>;

export function postRoleLookup(entries: readonly PostEntry[]): PostRoleLookup {
  return new Map(entries.flatMap((entry) => (entry.role ? [[entry.title, entry.role] as const] : [])));
}

/** The roles a member's posts give in their unit, each once, named by the post that gives it. */
export function rolesOfPosts(posts: readonly string[], unitId: string, lookup: PostRoleLookup): { role: PostRole; unitId: string; ref: string }[] {
  const byRole = new Map<PostRole, string>();
  for (const post of posts) {
    const role = lookup.get(post.trim());
    if (role && !byRole.has(role)) byRole.set(role, post.trim());
  }
  return [...byRole].map(([role, ref]) => ({ role, unitId, ref }));
}

/** The titles whose role differs between two versions of a dictionary. */
export function titlesWithChangedRole(before: readonly PostEntry[], after: readonly PostEntry[]): string[] {
  const was = postRoleLookup(before);
  const is = postRoleLookup(after);
  return [...new Set([...was.keys(), ...is.keys()])].filter((title) => was.get(title) !== is.get(title)).sort();
}
