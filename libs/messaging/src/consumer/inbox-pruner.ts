import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HourlyPruner } from '../retention';
import { Inbox } from './inbox';

const HOUR_MS = 60 * 60_000;

/** Keeps the inbox to INBOX_RETENTION_HOURS. */
@Injectable()
export class InboxPruner extends HourlyPruner {
  constructor(inbox: Inbox, config: ConfigService) {
    const retentionMs = config.getOrThrow<number>('INBOX_RETENTION_HOURS') * HOUR_MS;
    super('inbox retention', (signal) => inbox.prune(new Date(Date.now() - retentionMs), signal), new Logger(InboxPruner.name));
  }
}
