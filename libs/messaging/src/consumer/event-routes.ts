import { JsMsg } from '@nats-io/jetstream';
import { EventDefinition, EventEnvelope } from '@campaign/contracts';
import { BatchOutcome } from '../transport/event-patterns';

export interface EventRoute {
  /** `Class.method`: the inbox key, stable across restarts. */
  key: string;
  definition: EventDefinition<unknown>;
  handle: (envelope: EventEnvelope, message: JsMsg) => Promise<void>;
}

export interface BatchEventRoute {
  key: string;
  definitions: EventDefinition<unknown>[];
  handle: (envelopes: EventEnvelope[], messages: JsMsg[]) => Promise<BatchOutcome | void>;
}

/** Which handlers each subject has, per event and group-commit; several handlers of one subject are all called, in registration order. */
export class EventRoutes {
  private readonly bySubject = new Map<string, EventRoute[]>();
  private readonly batchBySubject = new Map<string, BatchEventRoute[]>();

  add(subject: string, route: EventRoute): void {
    this.bySubject.set(subject, [...this.handlersFor(subject), route]);
  }

  /** Add one route object under each of its subjects: a fetch's events of all of them go to it in one call. */
  addBatch(subject: string, route: BatchEventRoute): void {
    this.batchBySubject.set(subject, [...this.batchHandlersFor(subject), route]);
  }

  handlersFor(subject: string): EventRoute[] {
    return this.bySubject.get(subject) ?? [];
  }

  batchHandlersFor(subject: string): BatchEventRoute[] {
    return this.batchBySubject.get(subject) ?? [];
  }

  definitionFor(subject: string): EventDefinition<unknown> | undefined {
    return this.handlersFor(subject)[0]?.definition ?? this.batchHandlersFor(subject)[0]?.definitions.find((definition) => definition.subject === subject);
  }
}
