/**
 * Reads frames the server sends. The client trusts nothing: a frame that
 * is not a JSON object with a numeric Type is dropped, and every optional
 * field is kept only when it has the documented type and a usable value
 * (a Time a Date can hold, say); a list keeps only its valid entries.
 */
import { z } from 'zod';
import { MAX_REF_CHARS, type Message } from '../../shared/protocol.ts';
import { isErrorCode } from '../../shared/errors.ts';

const rankEntry = z.object({ Name: z.string(), Score: z.number() });

/** The widest range of instants a Date can hold, in milliseconds. */
const MAX_TIME_MS = 8.64e15;

/** A list whose entries are kept when valid and dropped when not. */
function listOf<T extends z.ZodType>(entry: T) {
  return z.array(z.unknown()).transform((items) =>
    items.flatMap((item) => {
      const parsed = entry.safeParse(item);
      return parsed.success ? [parsed.data as z.infer<T>] : [];
    }),
  );
}

const serverMessageSchema = z.object({
  Type: z.number().int().min(0).max(7),
  Sender: z.string().catch(''),
  Receiver: z.string().catch(''),
  Content: z.string().catch(''),
  Id: z
    .union([z.string(), z.number()])
    .transform(String)
    .optional()
    .catch(undefined),
  Time: z.number().min(0).max(MAX_TIME_MS).optional().catch(undefined),
  Text: z.string().optional().catch(undefined),
  Event: z
    .enum(['message', 'join', 'leave', 'notice', 'error'])
    .optional()
    .catch(undefined),
  History: z.boolean().optional().catch(undefined),
  Action: z.boolean().optional().catch(undefined),
  Code: z.string().optional().catch(undefined),
  Users: listOf(z.string()).optional().catch(undefined),
  Rank: listOf(rankEntry).optional().catch(undefined),
  Place: z.number().int().positive().optional().catch(undefined),
  Score: z.number().optional().catch(undefined),
  Version: z.number().optional().catch(undefined),
  Ref: z.string().max(MAX_REF_CHARS).optional().catch(undefined),
});

/** Parses one frame body, or returns null when it is not a usable message. */
export function parseServerMessage(body: string): Message | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = serverMessageSchema.safeParse(value);
  if (!parsed.success) return null;
  const { Code, ...rest } = parsed.data;
  const message = rest as Message;
  if (isErrorCode(Code)) message.Code = Code;
  for (const key of Object.keys(message) as (keyof Message)[]) {
    if (message[key] === undefined) delete message[key];
  }
  return message;
}
