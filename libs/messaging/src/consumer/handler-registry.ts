import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EventDefinition, EventEnvelope } from '@campaign/contracts';
import { ON_EVENT } from './on-event.decorator';

export interface RegisteredHandler {
  /** `Class.method`: the inbox key, stable across restarts. */
  key: string;
  definition: EventDefinition<unknown>;
  handle: (envelope: EventEnvelope) => Promise<void>;
}

/** Finds every @OnEvent method; several handlers of one subject are all called, in registration order. */
@Injectable()
export class HandlerRegistry implements OnModuleInit {
  private readonly bySubject = new Map<string, RegisteredHandler[]>();

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
        const target = instance[method] as ((envelope: EventEnvelope) => Promise<void>) | undefined;
        const definition = target && this.reflector.get<EventDefinition<unknown> | undefined>(ON_EVENT, target);
        if (!definition || !target) continue;
        const handlers = this.bySubject.get(definition.subject) ?? [];
        handlers.push({ key: `${instance.constructor.name}.${method}`, definition, handle: target.bind(instance) });
        this.bySubject.set(definition.subject, handlers);
      }
    }
  }

  handlersFor(subject: string): RegisteredHandler[] {
    return this.bySubject.get(subject) ?? [];
  }

  subjects(): string[] {
    return [...this.bySubject.keys()];
  }
}
