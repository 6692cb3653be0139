import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';
import { conflict, notFound } from '../i18n/problems';
import { MemberRolesService } from '../members/member-roles.service';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { POST_DICTIONARY, PostDictionaryDocument, readPostDictionary } from './post-dictionary.schema';
import { PostEntry, PostRole, titlesWithChangedRole } from './post-roles';

export interface DictionaryChange {
  dictionary: PostDictionaryDocument;
  /** Members whose roles changed and were announced again. */
  membersReannounced: number;
}

/** A district's post dictionary: which post titles make their holder a secretary, an organiser… of their unit. */
@Injectable()
export class PostDictionaryService {
  constructor(
    @InjectModel(POST_DICTIONARY) private readonly dictionaries: Model<PostDictionaryDocument>,
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    private readonly memberRoles: MemberRolesService,
  ) {}

  read(district: string): Promise<PostDictionaryDocument> {
    return readPostDictionary(this.dictionaries, district);
  }

  /** Titles held by active members of the district that the dictionary does not know, with how many hold each. */
  async unknownTitles(district: string): Promise<{ title: string; holders: number }[]> {
    const known = new Set((await this.read(district)).entries.map((entry) => entry.title));
    const holders = new Map<string, number>();
    for (const member of await this.members.find({ district, status: 'active' }).select({ posts: 1 }).lean<MemberDocument[]>()) {
      for (const post of new Set((member.posts ?? []).map((p) => p.trim()))) if (post && !known.has(post)) holders.set(post, (holders.get(post) ?? 0) + 1);
    }
    return [...holders].map(([title, count]) => ({ title, holders: count })).sort((a, b) => b.holders - a.holders || a.title.localeCompare(b.title));
  }

  setEntry(district: string, title: string, role: PostRole | null): Promise<DictionaryChange> {
    return this.change(district, (entries) => [...entries.filter((entry) => entry.title !== title), { title, role }]);
  }

  async removeEntry(district: string, title: string): Promise<DictionaryChange> {
    const current = await this.read(district);
    if (!current.entries.some((entry) => entry.title === title)) throw notFound('post-dictionary.entry-not-found', { title });
    return this.change(district, (entries) => entries.filter((entry) => entry.title !== title));
  }

  /** Writes the new entries (compare-and-set on the revision), then re-resolves the roles of the holders of every title whose role changed. */
  private async change(district: string, edit: (entries: PostEntry[]) => PostEntry[]): Promise<DictionaryChange> {
    const current = await this.read(district);
    const entries = edit(current.entries).sort((a, b) => a.title.localeCompare(b.title));
    const next: PostDictionaryDocument = { ...current, entries, revision: current.revision + 1 };
    try {
      const result =
        current.revision === 0
          ? await this.dictionaries.create(next).then(() => ({ matchedCount: 1 }))
          : await this.dictionaries.updateOne({ district, _id: district, revision: current.revision }, { $set: { entries }, $inc: { revision: 1 } });
      if (result.matchedCount === 0) throw conflict('post-dictionary.changed-concurrently');
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict('post-dictionary.changed-concurrently');
      throw error;
    }
    const titles = titlesWithChangedRole(current.entries, entries);
    const membersReannounced = titles.length === 0 ? 0 : await this.memberRoles.resolve(district, { posts: titles });
    return { dictionary: next, membersReannounced };
  }
}
