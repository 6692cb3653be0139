import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AUDIT_ENTRY, AuditAction, AuditEntry } from './audit-entry.schema';

export interface AuditRecord {
  district: string;
  campaignId: string;
  action: AuditAction;
  actor: string;
  target: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  action?: AuditAction;
  target?: string;
  limit: number;
}

@Injectable()
export class AuditService {
  constructor(@InjectModel(AUDIT_ENTRY) private readonly entries: Model<AuditEntry>) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.entries.create({ ...entry, reason: entry.reason ?? null, details: entry.details ?? {} });
  }

  async list(district: string, campaignId: string, query: AuditQuery): Promise<AuditEntry[]> {
    const filter = { district, campaignId, ...(query.action ? { action: query.action } : {}), ...(query.target ? { target: query.target } : {}) };
    return this.entries.find(filter).sort({ createdAt: -1 }).limit(query.limit).select('-_id').lean();
  }
}
