// PATCH /api/me: change one's name, language or e-mail notifications, at a known version.

import { updateProfile } from '../../domain/users/profiles.ts';
import { profileChangeSchema, toUserView } from '../../domain/users/user.entity.ts';
import { ok, userRoute } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';

export const handler = userRoute(async ({ body }, principal) => {
  const change = parseInput(profileChangeSchema, body);
  return ok({ user: toUserView(await updateProfile(principal, change)) });
});
