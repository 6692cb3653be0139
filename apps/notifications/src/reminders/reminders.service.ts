import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';
import { Clock } from '../clock/clock';
import { DirectoryService } from '../directory/directory.service';
import { Notifier } from '../notifications/notifier.service';
import { renderReminder } from '../rules/render-message';
import { RulesService } from '../rules/rules.service';
import { WorkerIdentity } from '../scheduler/worker-identity';
import { ClaimSpec, ClaimTokens } from '../store/claim-tokens';
import { ClaimWorker } from '../store/claim-worker';
import { inLocale, Variables } from '../templates/localised-values';
import { SCHEDULED_REMINDER, ScheduledReminder } from './reminder.schema';

export interface ReminderRequest {
  district: string;
  ruleId: string;
  sourceEventId: string;
  recipientMemberId: string;
  deadline: Date;
  remindBeforeMinutes: number[];
  reasonKeys: string[];
  variables: Variables;
}

@Injectable()
export class RemindersService extends ClaimWorker<ScheduledReminder> {
  constructor(
    @InjectModel(SCHEDULED_REMINDER) private readonly reminders: Model<ScheduledReminder>,
    private readonly rules: RulesService,
    private readonly directory: DirectoryService,
    private readonly notifier: Notifier,
    clock: Clock,
    worker: WorkerIdentity,
    claims: ClaimTokens,
    config: ConfigService,
  ) {
    super('reminder', new Logger(RemindersService.name), claims, worker, clock, config);
  }

  /** One reminder per offset still in the future; those already past are skipped, not sent late. */
  async schedule(request: ReminderRequest): Promise<void> {
    const now = this.clock.now();
    for (const minutes of request.remindBeforeMinutes) {
      const dueAt = new Date(request.deadline.getTime() - minutes * 60_000);
      if (dueAt <= now) continue;
      try {
        await this.reminders.create({
          district: request.district,
          reminderId: `${request.sourceEventId}:${request.ruleId}:${request.recipientMemberId}:${minutes}`,
          ruleId: request.ruleId,
          sourceEventId: request.sourceEventId,
          recipientMemberId: request.recipientMemberId,
          dueAt,
          status: 'pending',
          reasonKeys: request.reasonKeys,
          variables: request.variables,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
  }

  async cancel(district: string, reasonKey: string): Promise<number> {
    const result = await this.reminders.updateMany(
      { district, reasonKeys: reasonKey, status: { $in: ['pending', 'claimed'] } },
      { $set: { status: 'cancelled', cancelledAt: this.clock.now(), claimedBy: null, leaseUntil: null } },
    );
    return result.modifiedCount;
  }

  protected claimSpec(): ClaimSpec<ScheduledReminder> {
    return {
      model: this.reminders,
      tokenId: (reminder) => `reminder:${reminder.district}:${reminder.reminderId}`,
      key: (reminder) => ({ district: reminder.district, reminderId: reminder.reminderId }),
      due: (now) => ({ $or: [{ status: 'pending', dueAt: { $lte: now } }, { status: 'claimed', leaseUntil: { $lt: now } }] }),
      claimable: (now) => ({ $or: [{ status: 'pending', dueAt: { $lte: now } }, { status: 'claimed' }] }),
      sort: { dueAt: 1 },
      claimedStatus: 'claimed',
    };
  }

  /** Sending is idempotent per reminder id: a reclaimed reminder finds its notification already made. */
  protected async work(reminder: ScheduledReminder): Promise<void> {
    const { district } = reminder;
    const rule = await this.rules.find(district, reminder.ruleId);
    const member = await this.directory.member(district, reminder.recipientMemberId);
    const mine = { district, reminderId: reminder.reminderId, claimGeneration: reminder.claimGeneration, status: 'claimed' };
    if (!rule?.enabled || member?.status !== 'active') {
      await this.reminders.updateOne(mine, { $set: { status: 'cancelled', cancelledAt: this.clock.now(), claimedBy: null, leaseUntil: null } });
      return;
    }
    await this.notifier.notify({
      district,
      sourceEventId: reminder.reminderId,
      ruleId: rule.ruleId,
      recipient: member,
      kind: 'reminder',
      render: (locale) => renderReminder(rule.templates[locale], { ...inLocale(reminder.variables, locale), recipientName: member.name }, locale),
    });
    await this.reminders.updateOne(mine, { $set: { status: 'sent', sentAt: this.clock.now(), leaseUntil: null } });
  }
}
