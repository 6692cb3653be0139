import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { EventDefinition, EventEnvelope, parseEnvelope } from '@campaign/contracts';

/**
 * Validates a handler's `@Payload()` (an envelope, or a group commit's envelopes) against its event contracts and hands
 * it on typed by them; a breach throws ContractViolationError, which the transport dead-letters at once.
 */
export class EventContractPipe implements PipeTransform {
  constructor(private readonly contracts: EventDefinition<unknown>[]) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Applied to the whole method, so it also sees @Ctx(); Nest reports @Payload() to pipes as 'body'.
    if (metadata.type !== 'body') return value;
    return Array.isArray(value) ? value.map((envelope: unknown) => this.parse(envelope)) : this.parse(value);
  }

  private parse(raw: unknown): EventEnvelope {
    const { type, schemaVersion } = raw as Partial<EventEnvelope>;
    const contract = this.contracts.find((candidate) => candidate.type === type && candidate.version === schemaVersion) ?? this.contracts[0];
    return parseEnvelope(contract, raw);
  }
}
