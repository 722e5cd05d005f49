// «Добрый день, Анна»: the greeting follows the clock of the organisation's time zone.
import type { MessageKey } from '../../i18n/dictionary.ts';

export const greetingKey = (hour: number): MessageKey => {
  if (hour >= 5 && hour < 12) return 'home.greeting.morning';
  if (hour >= 12 && hour < 18) return 'home.greeting.day';
  if (hour >= 18 && hour < 23) return 'home.greeting.evening';
  return 'home.greeting.night';
};

/** The first word of the display name, or the local part of the e-mail when no name is set. */
export const firstName = (name: string, email = ''): string =>
  name.trim().split(/\s+/)[0] || email.split('@')[0] || '';

/** Up to two initials for the avatar. */
export const initials = (name: string, email = ''): string => {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 0 ? words.slice(0, 2).map((word) => word[0]) : [email[0] ?? '?'];
  return letters.join('').toUpperCase();
};
