// Input validation with zod: a failed parse becomes ValidationFailed listing every field
// and its reason, which the HTTP middleware turns into a 400.
import type { z } from 'zod';
import { ValidationFailed } from './errors.ts';

export const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationFailed(
    result.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
      message: issue.message,
    })),
  );
};
