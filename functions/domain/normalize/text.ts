// Text as the CRM compares and searches it: case-folded the Russian way, ё = е, quotes and
// punctuation dropped, and the legal forms that begin half of all company names (ООО, АО,
// LLC…) left out of the words a name is found by.

/** Words that say what kind of legal entity it is, not which one. */
const legalForms = new Set([
  'ооо',
  'оао',
  'зао',
  'пао',
  'ао',
  'нао',
  'ип',
  'нко',
  'ано',
  'фгуп',
  'гуп',
  'муп',
  'тоо',
  'чп',
  'llc',
  'ltd',
  'inc',
  'gmbh',
  'corp',
  'co',
  'plc',
  'sa',
  'ag',
]);

/** Lower-case (Russian rules), ё → е, every run of non-letters/digits → one space, trimmed. */
export const normalizeText = (text: string): string =>
  text
    .normalize('NFKC')
    .toLocaleLowerCase('ru')
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}@.+_-]+/gu, ' ')
    .replace(/[.+_-]+(?=\s|$)/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The words a name is searched by, in order, without legal forms; duplicates removed. */
export const nameWords = (name: string): string[] => {
  const words = normalizeText(name)
    .split(' ')
    .map((w) => w.replace(/^[@.+_-]+|[@.+_-]+$/g, ''))
    .filter((w) => w.length > 0 && !legalForms.has(w));
  return [...new Set(words)];
};

/** The key a name sorts by: its normalized form, with legal forms kept at the end. */
export const sortableName = (name: string): string => {
  const words = normalizeText(name).split(' ');
  const significant = words.filter((w) => !legalForms.has(w));
  const forms = words.filter((w) => legalForms.has(w));
  return [...significant, ...forms].join(' ').slice(0, 200);
};
