import { z } from 'zod';

/** Longest input looked at: the codes are 18 characters, anything far longer is not one. */
export const MAX_CODE_INPUT = 64;

const codeText = (what: string) => z.string().max(MAX_CODE_INPUT, `${what}过长（不能超过${MAX_CODE_INPUT}个字符）`);

// The code is the rest of the path (a wildcard), not a :param: the router answers a
// :param over 100 characters itself with 414 and a body of its own, while hostile input
// must get our uniform 400 or a plain "invalid".
export const usccParams = z.object({ '*': codeText('统一社会信用代码') });
export const idNumberParams = z.object({ '*': codeText('身份证号码') });

export const usccResult = z.object({
  valid: z.boolean(),
  message: z.string().optional(),
  /** The code fails its check character but an administrator accepted it as a legacy code. */
  acceptedLegacy: z.literal(true).optional(),
});
export type UsccResult = z.infer<typeof usccResult>;

export const idNumberResult = z.object({
  valid: z.boolean(),
  message: z.string().optional(),
  birthDate: z.string().optional(),
  sex: z.enum(['male', 'female']).optional(),
});
export type IdNumberResult = z.infer<typeof idNumberResult>;
