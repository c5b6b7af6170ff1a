import { z } from 'zod';

/** A figure with the number of units it rests on; `value` is null when no unit was pairable. */
export const Figure = z.object({ value: z.number().nullable(), units: z.number().int() });
export type Figure = z.infer<typeof Figure>;
