import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DELIVERY, deliverySchema } from '../deliveries/delivery.schema';
import { NOTIFICATION, notificationSchema } from '../notifications/notification.schema';
import { TRACKED_OBLIGATION, trackedObligationSchema } from '../obligations/obligation.schema';
import { MEMBER_PREFERENCE, memberPreferenceSchema } from '../preferences/preference.schema';
import { SCHEDULED_REMINDER, scheduledReminderSchema } from '../reminders/reminder.schema';
import { NOTIFICATION_RULE, notificationRuleSchema } from '../rules/rule.schema';
import { WorkerIdentity } from '../scheduler/worker-identity';
import { DISTRICT_SETTINGS, districtSettingsSchema } from '../settings/district-settings.schema';
import { ClaimTokenPruner } from './claim-token-pruner';
import { ClaimTokens } from './claim-tokens';

/**
 * Every collection of the service, registered once (as org-registry's OrgDataModule): the notifier and the delivery
 * worker each read the other's collection, which feature-owned models would turn into a module cycle.
 */
const models = MongooseModule.forFeature([
  { name: DISTRICT_SETTINGS, schema: districtSettingsSchema },
  { name: NOTIFICATION_RULE, schema: notificationRuleSchema },
  { name: MEMBER_PREFERENCE, schema: memberPreferenceSchema },
  { name: NOTIFICATION, schema: notificationSchema },
  { name: DELIVERY, schema: deliverySchema },
  { name: SCHEDULED_REMINDER, schema: scheduledReminderSchema },
  { name: TRACKED_OBLIGATION, schema: trackedObligationSchema },
]);

/** The collections and the claims replicas take on their documents, under this replica's name. */
@Global()
@Module({ imports: [models], providers: [WorkerIdentity, ClaimTokens, ClaimTokenPruner], exports: [models, WorkerIdentity, ClaimTokens] })
export class StoreModule {}
