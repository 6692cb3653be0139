import { z } from 'zod';

export const id = z.string().min(1);
export const isoDateTime = z.string().datetime({ offset: true });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** Monotonic per aggregate: a read model applies an event only when its revision is newer than what it holds. */
export const revision = z.number().int().nonnegative();
