import { ContractViolationError, createEnvelope, parseEnvelope } from './envelope';
import { definitionForSubject, EVENT_REGISTRY } from './registry';
import { deadLetterSubject, streamForSubject } from './streams';
import { AttendanceRecorded, MemberEnrolled } from './index';

const member = {
  memberId: 'm-1',
  name: '张伟',
  unitId: 'u-school-1',
  unitPath: ['u-district', 'u-edu', 'u-school-1'],
  posts: ['secretary'],
  isLeader: true,
  isKeyPost: false,
  status: 'active' as const,
  contacts: {},
  revision: 1,
};

describe('event envelope', () => {
  it('stamps id, type, version, time, district, source and defaults correlation to the event id', () => {
    const envelope = createEnvelope(MemberEnrolled, { member }, { district: 'd-1', source: 'org-registry' });
    expect(envelope).toMatchObject({ type: 'org.member.enrolled', schemaVersion: 1, district: 'd-1', source: 'org-registry' });
    expect(envelope.correlationId).toBe(envelope.eventId);
    expect(new Date(envelope.occurredAt).toISOString()).toBe(envelope.occurredAt);
  });

  it('keeps the given correlation and causation ids', () => {
    const envelope = createEnvelope(MemberEnrolled, { member }, { district: 'd-1', source: 's', correlationId: 'c-1', causationId: 'e-0' });
    expect(envelope.correlationId).toBe('c-1');
    expect(envelope.causationId).toBe('e-0');
  });

  it('refuses a payload that breaks the contract, naming the field', () => {
    const broken = { member: { ...member, unitPath: [] } };
    expect(() => createEnvelope(MemberEnrolled, broken, { district: 'd-1', source: 's' })).toThrow(ContractViolationError);
    expect(() => createEnvelope(MemberEnrolled, broken, { district: 'd-1', source: 's' })).toThrow(/payload\.member\.unitPath/);
  });

  it('refuses on receipt an envelope of another type or version', () => {
    const envelope = createEnvelope(MemberEnrolled, { member }, { district: 'd-1', source: 's' });
    expect(() => parseEnvelope(AttendanceRecorded, envelope)).toThrow(/expected activity.attendance.recorded.v1/);
    expect(() => parseEnvelope(MemberEnrolled, { ...envelope, schemaVersion: 2 })).toThrow(ContractViolationError);
  });

  it('refuses an envelope without a district', () => {
    const envelope = createEnvelope(MemberEnrolled, { member }, { district: 'd-1', source: 's' });
    expect(() => parseEnvelope(MemberEnrolled, { ...envelope, district: '' })).toThrow(/district/);
  });

  it('applies payload defaults on receipt so v1 consumers read older producers', () => {
    const envelope = createEnvelope(MemberEnrolled, { member }, { district: 'd-1', source: 's' });
    const { posts: _posts, contacts: _contacts, ...withoutDefaults } = member;
    const parsed = parseEnvelope(MemberEnrolled, { ...envelope, payload: { member: withoutDefaults } });
    expect(parsed.payload.member.posts).toEqual([]);
  });
});

describe('event registry and subjects', () => {
  it('names every event <domain>.<aggregate>.<event>.v<N> and finds it by subject', () => {
    expect(EVENT_REGISTRY.size).toBeGreaterThan(20);
    for (const [subject, definition] of EVENT_REGISTRY) {
      expect(subject).toMatch(/^(org|activity|scoring|notifications)\.[a-z-]+\.[a-z-]+\.v\d+$/);
      expect(definitionForSubject(subject)).toBe(definition);
    }
  });

  it('maps each subject to its producer stream and dead letters to the DLQ subject space', () => {
    expect(streamForSubject('org.member.enrolled.v1').name).toBe('ORG');
    expect(streamForSubject('activity.attendance.recorded.v1').name).toBe('ACTIVITY');
    expect(() => streamForSubject('unknown.thing.v1')).toThrow();
    expect(deadLetterSubject('assessment-scoring', 'activity.attendance.recorded.v1')).toBe('dlq.assessment-scoring.activity.attendance.recorded.v1');
  });
});
