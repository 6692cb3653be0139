import { GroupRole, GroupSeat } from '../systems/system.schema';

/** One member's time in one role of a group: `from` is null for a seat held before history was kept, `to` while it lasts. */
export interface SeatTenure {
  memberId: string;
  role: GroupRole;
  from: string | null;
  to: string | null;
  assignedBy: string | null;
  endedBy: string | null;
}

/**
 * The history after the seats change from `before` to `after` on `on` by `by`: a removed seat or a changed role ends
 * the open tenure, a new seat or role opens one. A seat held before history was kept gets a tenure with no start.
 */
export function recordSeatChange(history: readonly SeatTenure[], before: readonly GroupSeat[], after: readonly GroupSeat[], on: string, by: string): SeatTenure[] {
  const next = history.map((tenure) => ({ ...tenure }));
  const roleAfter = new Map(after.map((seat) => [seat.memberId, seat.role]));
  const roleBefore = new Map(before.map((seat) => [seat.memberId, seat.role]));
  for (const seat of before) {
    if (roleAfter.get(seat.memberId) === seat.role) continue;
    const open = next.find((tenure) => tenure.memberId === seat.memberId && tenure.role === seat.role && tenure.to === null);
    if (open) Object.assign(open, { to: on, endedBy: by });
    else next.push({ memberId: seat.memberId, role: seat.role, from: null, to: on, assignedBy: null, endedBy: by });
  }
  for (const seat of after) {
    if (roleBefore.get(seat.memberId) === seat.role) continue;
    next.push({ memberId: seat.memberId, role: seat.role, from: on, to: null, assignedBy: by, endedBy: null });
  }
  return next;
}

/** A member's tenures in a group, including a current seat held since before history was kept. */
export function tenuresOf(memberId: string, seats: readonly GroupSeat[], history: readonly SeatTenure[]): SeatTenure[] {
  const recorded = history.filter((tenure) => tenure.memberId === memberId);
  const current = seats.find((seat) => seat.memberId === memberId);
  const unrecorded = current && !recorded.some((tenure) => tenure.role === current.role && tenure.to === null);
  return unrecorded ? [...recorded, { memberId, role: current.role, from: null, to: null, assignedBy: null, endedBy: null }] : recorded;
}
