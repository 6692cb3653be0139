import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EventDefinition, EventEnvelope } from '@campaign/contracts';
import { BatchOutcome, ON_EVENT, ON_EVENT_BATCH } from './on-event.decorator';

export interface RegisteredHandler {
  /** `Class.method`: the inbox key, stable across restarts. */
  key: string;
  definition: EventDefinition<unknown>;
  handle: (envelope: EventEnvelope) => Promise<void>;
}

export interface RegisteredBatchHandler {
  key: string;
  definitions: EventDefinition<unknown>[];
  handle: (envelopes: EventEnvelope[]) => Promise<BatchOutcome | void>;
}

/** Finds every @OnEvent and @OnEventBatch method; several handlers of one subject are all called, in registration order. */
@Injectable()
export class HandlerRegistry implements OnModuleInit {
  private readonly bySubject = new Map<string, RegisteredHandler[]>();
  private readonly batchBySubject = new Map<string, RegisteredBatchHandler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const target = instance[method] as ((argument: never) => Promise<void>) | undefined;
        if (!target) continue;
        const key = `${instance.constructor.name}.${method}`;
        const definition = this.reflector.get<EventDefinition<unknown> | undefined>(ON_EVENT, target);
        if (definition) this.add(this.bySubject, definition.subject, { key, definition, handle: target.bind(instance) });
        const definitions = this.reflector.get<EventDefinition<unknown>[] | undefined>(ON_EVENT_BATCH, target);
        for (const batched of definitions ?? []) this.add(this.batchBySubject, batched.subject, { key, definitions, handle: target.bind(instance) } as RegisteredBatchHandler);
      }
    }
  }

  private add<T>(registry: Map<string, T[]>, subject: string, handler: T): void {
    registry.set(subject, [...(registry.get(subject) ?? []), handler]);
  }

  handlersFor(subject: string): RegisteredHandler[] {
    return this.bySubject.get(subject) ?? [];
  }

  batchHandlersFor(subject: string): RegisteredBatchHandler[] {
    return this.batchBySubject.get(subject) ?? [];
  }

  definitionFor(subject: string): EventDefinition<unknown> | undefined {
    return this.handlersFor(subject)[0]?.definition ?? this.batchHandlersFor(subject)[0]?.definitions.find((definition) => definition.subject === subject);
  }

  subjects(): string[] {
    return [...new Set([...this.bySubject.keys(), ...this.batchBySubject.keys()])];
  }
}
