import { StreamKey } from '@campaign/contracts';

export interface MessagingOptions {
  /** The stream this service publishes to (its own domain); omit for a service that only consumes. */
  publishes?: StreamKey;
  /** Streams whose events this service's @InboxEventPattern / @GroupCommitEventPattern handlers consume through one durable consumer each. */
  consumes?: StreamKey[];
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** How long JetStream remembers a message id to drop a republished duplicate. */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;
