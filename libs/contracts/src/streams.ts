/** JetStream streams: one per producing service, named by domain; subjects are `<domain>.<aggregate>.<event>.v<N>`. */
export const STREAMS = {
  org: { name: 'ORG', subjects: ['org.>'] },
  activity: { name: 'ACTIVITY', subjects: ['activity.>'] },
  scoring: { name: 'SCORING', subjects: ['scoring.>'] },
  notifications: { name: 'NOTIFICATIONS', subjects: ['notifications.>'] },
} as const;

export type StreamKey = keyof typeof STREAMS;

/** Dead letters of every consumer: `dlq.<consumer>.<original subject>`. */
export const DEAD_LETTER_STREAM = { name: 'DLQ', subjects: ['dlq.>'] } as const;

export function deadLetterSubject(consumer: string, subject: string): string {
  return `dlq.${consumer}.${subject}`;
}

export function streamForSubject(subject: string): (typeof STREAMS)[StreamKey] {
  const stream = Object.values(STREAMS).find((s) => s.subjects.some((pattern) => subject.startsWith(pattern.slice(0, -1))));
  if (!stream) throw new Error(`no stream holds subject ${subject}`);
  return stream;
}
