import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { definitionForSubject, EventDefinition, EventEnvelope, parseEnvelope, STREAMS } from '@campaign/contracts';
import { NatsClient } from '@campaign/messaging';
import { OrgReadModelHandlers, OrgReadModelService, OrgSystemHandlers } from '@campaign/org-read-model';

type Handler = (event: EventEnvelope<never>) => Promise<void>;

/** Rebuilds one district's read model by replaying the ORG stream from its start through the same handlers. */
@Injectable()
export class OrgReadModelRebuilder {
  constructor(
    private readonly nats: NatsClient,
    private readonly readModel: OrgReadModelService,
    private readonly moduleRef: ModuleRef,
  ) {}

  private handlerFor(subject: string): Handler | undefined {
    // The handlers are a controller (an @EventPattern host), which Nest does not inject into providers.
    const h = this.moduleRef.get(OrgReadModelHandlers, { strict: false });
    const systems = this.moduleRef.get(OrgSystemHandlers, { strict: false });
    const bySubject: Record<string, Handler> = {
      'org.unit.created.v1': (e) => h.onUnitCreated(e),
      'org.unit.updated.v1': (e) => h.onUnitUpdated(e),
      'org.unit.moved.v1': (e) => h.onUnitMoved(e),
      'org.unit.closed.v1': (e) => h.onUnitClosed(e),
      'org.member.enrolled.v1': (e) => h.onMemberEnrolled([e]),
      'org.member.updated.v1': (e) => h.onMemberUpdated(e),
      'org.member.transferred.v1': (e) => h.onMemberTransferred(e),
      'org.member.left.v1': (e) => h.onMemberLeft(e),
      'org.system.changed.v1': (e) => systems.onSystemChanged(e),
    };
    return bySubject[subject];
  }

  /** Events that break their contract were dead-lettered when first consumed; the replay skips them too. */
  private parse(definition: EventDefinition<unknown>, raw: string): EventEnvelope | undefined {
    try {
      return parseEnvelope(definition, JSON.parse(raw));
    } catch {
      return undefined;
    }
  }

  /** Returns how many of the district's events were replayed; readers see a partial tree while it runs. */
  async rebuild(district: string): Promise<number> {
    await this.readModel.clearDistrict(district);
    const stream = STREAMS.org.name;
    const info = await this.nats.jsm.streams.info(stream);
    const last = info.state.last_seq;
    if (info.state.messages === 0) return 0;
    const consumer = await this.nats.js.consumers.get(stream);
    const messages = await consumer.consume();
    let replayed = 0;
    for await (const message of messages) {
      const definition = definitionForSubject(message.subject);
      const handler = this.handlerFor(message.subject);
      const envelope = definition && handler ? this.parse(definition, message.string()) : undefined;
      if (handler && envelope?.district === district) {
        await handler(envelope as EventEnvelope<never>);
        replayed += 1;
      }
      if (message.seq >= last) break;
    }
    await messages.close();
    return replayed;
  }
}
