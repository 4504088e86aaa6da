// The answers of the server the CLI reads, validated like every other client's: a body that does not match is an
// answer "not as the Ganzhi API does", never data cast to a type it may not have.
import { z } from 'zod';

/** Any JSON body: for answers the CLI only needs to have come (`PUT` of dimensions or an indicator). */
export const anyAnswerSchema = z.json();

/** What `/checks/apply` and `/checks/validate` did or would do with each check. */
export const checkResultsSchema = z.object({
  results: z.array(z.object({ name: z.string(), action: z.string() })),
});

/** What `/users/apply` did with each user. */
export const userResultsSchema = z.object({
  results: z.array(z.object({ username: z.string(), action: z.string() })),
});

/** A page of the checks list; each check is read by `toCheckDefinition` afterwards. */
export const checkPageSchema = z.object({ items: z.array(z.unknown()), nextCursor: z.string().nullable() });
