// Where to go after signing in: only a path inside the app, never another origin (open-redirect guard).

export const safeRedirectPath = (value: unknown, fallback = '/'): string => {
  if (typeof value !== 'string' || value === '') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value === '/sign-in' || value.startsWith('/sign-in?') || value.startsWith('/sign-in/')) return fallback;
  return value;
};

export const signInPath = (returnTo: string, reason?: 'expired'): string => {
  const params = new URLSearchParams();
  const target = safeRedirectPath(returnTo, '');
  if (target && target !== '/') params.set('redirect', target);
  if (reason) params.set('reason', reason);
  const query = params.toString();
  return query ? `/sign-in?${query}` : '/sign-in';
};
