import { EventDefinition } from './envelope';
import * as org from './org';
import * as activity from './activity';
import * as scoring from './scoring';
import * as notifications from './notifications';

function definitionsIn(module: Record<string, unknown>): EventDefinition<unknown>[] {
  return Object.values(module).filter(
    (value): value is EventDefinition<unknown> =>
      typeof value === 'object' && value !== null && 'subject' in value && 'payload' in value && 'version' in value,
  );
}

/** Every event the platform knows, by subject (`org.member.enrolled.v1`). */
export const EVENT_REGISTRY: ReadonlyMap<string, EventDefinition<unknown>> = new Map(
  [org, activity, scoring, notifications].flatMap(definitionsIn).map((definition) => [definition.subject, definition]),
);

export function definitionForSubject(subject: string): EventDefinition<unknown> | undefined {
  return EVENT_REGISTRY.get(subject);
}
