import { Model, Schema } from 'mongoose';
import { POST_ROLES } from '@campaign/contracts';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { DEFAULT_POST_DICTIONARY } from './post-dictionary.defaults';
import { PostEntry, postRoleLookup, PostRoleLookup } from './post-roles';

export const POST_DICTIONARY = 'PostDictionary';

/** One per district (its id is the district): the post titles it knows and the role each gives. */
export interface PostDictionaryDocument {
  _id: string;
  district: string;
  entries: PostEntry[];
  /** 0 while the district still uses the defaults (no document stored). */
  revision: number;
}

export const postDictionarySchema = new Schema(
  {
    _id: { type: String, required: true },
    entries: {
      type: [new Schema({ title: { type: String, required: true }, role: { type: String, enum: [...POST_ROLES, null], default: null } }, { _id: false })],
      default: [],
    },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'post_dictionaries' },
);
postDictionarySchema.plugin(tenantPlugin);

function defaultEntries(): PostEntry[] {
  return Object.entries(DEFAULT_POST_DICTIONARY).map(([title, role]) => ({ title, role }));
}

/** The district's dictionary, or the defaults when it never edited one. */
export async function readPostDictionary(model: Model<PostDictionaryDocument>, district: string): Promise<PostDictionaryDocument> {
  const stored = await model.findOne({ district, _id: district }).lean<PostDictionaryDocument>();
  return stored ?? { _id: district, district, entries: defaultEntries(), revision: 0 };
}

export async function readPostRoleLookup(model: Model<PostDictionaryDocument>, district: string): Promise<PostRoleLookup> {
  return postRoleLookup((await readPostDictionary(model, district)).entries);
}
