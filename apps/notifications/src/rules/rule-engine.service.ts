import { Injectable } from '@nestjs/common';
import { DirectoryMember } from '../directory/member.schema';
import { Notifier } from '../notifications/notifier.service';
import { RemindersService } from '../reminders/reminders.service';
import { inLocale, Variables } from '../templates/localised-values';
import { renderMessage } from './render-message';
import { RulesService } from './rules.service';
import { Audience, Trigger } from './triggers';

/** A recipient and what is particular to them (their unit's rank, their rating…). */
export interface Addressee {
  member: DirectoryMember;
  variables?: Variables;
}

/** An event, translated by its handler into what the rules need. */
export interface Firing {
  district: string;
  trigger: Trigger;
  sourceEventId: string;
  /** Values for the templates: the same text in every language (names, titles, dates) or one per language (periods, ratings). */
  variables: Variables;
  addressees: (audience: Audience) => Promise<Addressee[]>;
  /** When the event has a deadline: reminders before it, cancelled by any of the reason keys. */
  deadline?: { at: Date; reasonKeys: string[] };
}

/** Runs every enabled rule of the district for the trigger: one notification per recipient, plus its reminders. */
@Injectable()
export class RuleEngine {
  constructor(
    private readonly rules: RulesService,
    private readonly notifier: Notifier,
    private readonly reminders: RemindersService,
  ) {}

  async fire(firing: Firing): Promise<number> {
    let notified = 0;
    for (const rule of await this.rules.enabledFor(firing.district, firing.trigger)) {
      for (const { member, variables } of uniqueByMember(await firing.addressees(rule.audience))) {
        const values: Variables = { ...firing.variables, ...variables, recipientName: member.name };
        await this.notifier.notify({
          district: firing.district,
          sourceEventId: firing.sourceEventId,
          ruleId: rule.ruleId,
          recipient: member,
          kind: 'event',
          render: (locale) => renderMessage(rule.templates[locale], inLocale(values, locale)),
        });
        notified += 1;
        if (firing.deadline && rule.remindBeforeMinutes.length > 0) {
          await this.reminders.schedule({
            district: firing.district,
            ruleId: rule.ruleId,
            sourceEventId: firing.sourceEventId,
            recipientMemberId: member.memberId,
            deadline: firing.deadline.at,
            remindBeforeMinutes: rule.remindBeforeMinutes,
            reasonKeys: firing.deadline.reasonKeys,
            variables: values,
          });
        }
      }
    }
    return notified;
  }
}

function uniqueByMember(addressees: Addressee[]): Addressee[] {
  const seen = new Map<string, Addressee>();
  for (const addressee of addressees) if (!seen.has(addressee.member.memberId)) seen.set(addressee.member.memberId, addressee);
  return [...seen.values()];
}
