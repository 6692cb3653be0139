import { Payload } from '@nestjs/microservices';
import { PATTERN_EXTRAS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { MemberEnrolled, UnitMoved } from '@campaign/contracts';
import { GroupCommitEventPattern, InboxEventPattern } from './event-patterns';

describe('event patterns', () => {
  it('is Nest’s @EventPattern on the subject, with the contract and the inbox key Class.method as extras', () => {
    class UnitHandlers {
      @InboxEventPattern(UnitMoved)
      onMoved(@Payload() _event: unknown): void {}

      @GroupCommitEventPattern(MemberEnrolled)
      onEnrolled(@Payload() _events: unknown[]): void {}
    }
    const { onMoved, onEnrolled } = UnitHandlers.prototype;
    expect(Reflect.getMetadata(PATTERN_METADATA, onMoved)).toEqual([UnitMoved.subject]);
    expect(Reflect.getMetadata(PATTERN_EXTRAS_METADATA, onMoved)).toEqual({ contracts: [UnitMoved], inboxKey: 'UnitHandlers.onMoved', groupCommit: false });
    expect(Reflect.getMetadata(PATTERN_EXTRAS_METADATA, onEnrolled)).toEqual({ contracts: [MemberEnrolled], inboxKey: 'UnitHandlers.onEnrolled', groupCommit: true });
  });

  it('refuses a handler that does not take the event with @Payload(), which would skip the contract pipe', () => {
    expect(() => {
      class Careless {
        @InboxEventPattern(UnitMoved)
        onMoved(_event: unknown): void {}
      }
      return Careless;
    }).toThrow('Careless.onMoved: take the event with @Payload()');
  });
});
