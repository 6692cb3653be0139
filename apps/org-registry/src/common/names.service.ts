import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { UNIT, UnitDocument } from '../units/unit.schema';

/** Names to show beside ids in responses, looked up once per response for all the ids it holds. */
@Injectable()
export class NamesService {
  constructor(
    @InjectModel(UNIT) private readonly unitModel: Model<UnitDocument>,
    @InjectModel(MEMBER) private readonly memberModel: Model<MemberDocument>,
  ) {}

  async units(district: string, unitIds: Iterable<string | null | undefined>): Promise<Map<string, string>> {
    return this.namesIn(this.unitModel as unknown as Model<Named>, district, unitIds);
  }

  async members(district: string, memberIds: Iterable<string | null | undefined>): Promise<Map<string, string>> {
    return this.namesIn(this.memberModel as unknown as Model<Named>, district, memberIds);
  }

  private async namesIn(model: Model<Named>, district: string, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
    if (wanted.length === 0) return new Map();
    const found = await model.find({ district, _id: wanted.length === 1 ? wanted[0] : { $in: wanted } }).select({ name: 1 }).lean<Named[]>();
    return new Map(found.map((doc) => [doc._id, doc.name]));
  }
}

interface Named {
  _id: string;
  name: string;
}
