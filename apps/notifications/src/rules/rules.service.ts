import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';
import { notificationText } from '../i18n/messages';
import { conflict, notFound, Problem } from '../i18n/problems';
import { SettingsService } from '../settings/settings.service';
import { LOCALES } from '../settings/district-settings.schema';
import { TemplateProblem, templateProblems } from '../templates/template';
import { DEFAULT_RULES } from './rule-defaults';
import { CreateRuleDto, RuleBodyDto, RuleView } from './rule.dto';
import { NOTIFICATION_RULE, NotificationRule } from './rule.schema';
import { Trigger, TRIGGER_SPECS } from './triggers';

/** A problem of a rule: the field it is about, and a catalogue code with its values. */
export interface RuleProblem extends TemplateProblem {
  field: string;
}

/** Every problem of a rule, each naming its field; empty when the rule can be saved. */
export function ruleProblems(rule: RuleBodyDto): RuleProblem[] {
  const spec = TRIGGER_SPECS[rule.trigger];
  const problems: RuleProblem[] = [];
  if (!spec.audiences.includes(rule.audience)) {
    problems.push({ field: 'audience', code: 'rule.problem.audience', params: { trigger: rule.trigger, audiences: spec.audiences.join(', '), audience: rule.audience } });
  }
  if ((rule.remindBeforeMinutes ?? []).length > 0 && !spec.deadline) {
    problems.push({ field: 'remindBeforeMinutes', code: 'rule.problem.no-deadline', params: { trigger: rule.trigger } });
  }
  for (const locale of LOCALES) {
    for (const part of ['subject', 'body'] as const) {
      for (const problem of templateProblems(rule.templates[locale][part], spec.variables)) problems.push({ field: `templates.${locale}.${part}`, ...problem });
    }
  }
  return problems;
}

function view(rule: NotificationRule): RuleView {
  const { ruleId, trigger, audience, enabled, remindBeforeMinutes, templates } = rule;
  return { ruleId, trigger, audience, enabled, remindBeforeMinutes, templates };
}

@Injectable()
export class RulesService {
  constructor(
    @InjectModel(NOTIFICATION_RULE) private readonly rules: Model<NotificationRule>,
    private readonly settings: SettingsService,
  ) {}

  /** The first use of a district gives it the default rules; a rule the admin deleted later stays deleted. */
  async ensureDefaults(district: string): Promise<void> {
    if ((await this.settings.forDistrict(district)).rulesSeeded) return;
    try {
      await this.rules.insertMany(DEFAULT_RULES.map((rule) => ({ ...rule, district })), { ordered: false });
    } catch (error) {
      // Another replica seeded the same district at the same moment.
      if (!isDuplicateKey(error)) throw error;
    }
    await this.settings.markRulesSeeded(district);
  }

  async enabledFor(district: string, trigger: Trigger): Promise<NotificationRule[]> {
    await this.ensureDefaults(district);
    return this.rules.find({ district, trigger, enabled: true }).sort({ ruleId: 1 }).lean<NotificationRule[]>();
  }

  find(district: string, ruleId: string): Promise<NotificationRule | null> {
    return this.rules.findOne({ district, ruleId }).lean<NotificationRule>();
  }

  async list(district: string): Promise<RuleView[]> {
    await this.ensureDefaults(district);
    return (await this.rules.find({ district }).sort({ ruleId: 1 }).lean<NotificationRule[]>()).map(view);
  }

  async get(district: string, ruleId: string): Promise<RuleView> {
    await this.ensureDefaults(district);
    const rule = await this.find(district, ruleId);
    if (!rule) throw notFound('rule.not-found', { ruleId });
    return view(rule);
  }

  async create(district: string, body: CreateRuleDto): Promise<RuleView> {
    this.validate(body);
    await this.ensureDefaults(district);
    try {
      const created = await this.rules.create({ ...this.fields(body), ruleId: body.ruleId, district });
      return view(created.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict('rule.exists', { ruleId: body.ruleId });
      throw error;
    }
  }

  async replace(district: string, ruleId: string, body: RuleBodyDto): Promise<RuleView> {
    this.validate(body);
    await this.ensureDefaults(district);
    const updated = await this.rules.findOneAndUpdate({ district, ruleId }, { $set: this.fields(body) }, { new: true }).lean<NotificationRule>();
    if (!updated) throw notFound('rule.not-found', { ruleId });
    return view(updated);
  }

  async remove(district: string, ruleId: string): Promise<void> {
    await this.ensureDefaults(district);
    const result = await this.rules.deleteOne({ district, ruleId });
    if (result.deletedCount === 0) throw notFound('rule.not-found', { ruleId });
  }

  private validate(body: RuleBodyDto): void {
    const problems = ruleProblems(body).map(({ field, code, params }) => ({ field, code, message: `${field}: ${notificationText.t(code, params)}` }));
    if (problems.length > 0) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'rule.invalid', { problems: problems.map((problem) => problem.message).join('; ') }, { field: problems[0].field, details: problems });
    }
  }

  private fields(body: RuleBodyDto): Omit<NotificationRule, 'district' | 'ruleId'> {
    return {
      trigger: body.trigger,
      audience: body.audience,
      enabled: body.enabled ?? true,
      remindBeforeMinutes: body.remindBeforeMinutes ?? [],
      templates: { 'zh-CN': { ...body.templates['zh-CN'] }, en: { ...body.templates.en } },
    };
  }
}
