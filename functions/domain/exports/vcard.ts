// Contacts as vCard 4.0 (RFC 6350), the format phones, Outlook and Google Contacts import:
// FN, N, ORG, TITLE, TEL (with TYPE), EMAIL, BDAY; CRLF line ends, lines folded at 75 octets
// (never inside a UTF-8 character), text values escaped (\\ \, \; and \n).
import { isValid, ulidToUUID } from 'ulid';

/** Escapes a text value (or one component of a structured value such as N or ORG). */
export const escapeText = (value: string): string =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;');

/**
 * Folds a content line: at most 75 octets a line, continuation lines begin with one space
 * (which counts), and a multi-byte character is never split (RFC 6350 §3.2).
 */
export const foldLine = (line: string): string => {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
};

export type VCardContact = {
  readonly id: string;
  readonly firstName: string;
  readonly lastName?: string;
  readonly middleName?: string;
  readonly jobTitle?: string;
  readonly companyName?: string;
  readonly phones: readonly { value: string; kind?: string }[];
  readonly emails: readonly { value: string; kind?: string }[];
  readonly birthday?: string;
  readonly updatedAt?: string;
};

const telTypes: Readonly<Record<string, string>> = {
  work: 'work,voice',
  mobile: 'cell',
  fax: 'fax',
  home: 'home,voice',
  other: 'voice',
};
const emailTypes: Readonly<Record<string, string | undefined>> = { work: 'work', personal: 'home' };

/** YYYY-MM-DD → 19851124; --MM-DD (no year) → --1124. */
const bday = (date: string): string =>
  date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1$2$3').replace(/^--(\d{2})-(\d{2})$/, '--$1$2');

/** 2026-11-24T09:00:00.000Z → 20261124T090000Z */
const timestamp = (iso: string): string => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;

/** One contact as a vCard (CRLF line ends, folded). */
export const contactVCard = (c: VCardContact): string => {
  const fullName = [c.lastName, c.firstName, c.middleName].filter(Boolean).join(' ');
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    'PRODID:-//Serverless CRM//Export//RU',
    isValid(c.id) ? `UID:urn:uuid:${ulidToUUID(c.id).toLowerCase()}` : `UID;VALUE=text:${escapeText(c.id)}`,
    'KIND:individual',
    `FN:${escapeText(fullName)}`,
    `N:${[c.lastName ?? '', c.firstName, c.middleName ?? '', '', ''].map(escapeText).join(';')}`,
    ...(c.companyName ? [`ORG:${escapeText(c.companyName)}`] : []),
    ...(c.jobTitle ? [`TITLE:${escapeText(c.jobTitle)}`] : []),
    ...c.phones.map(
      (p, i) =>
        `TEL;VALUE=uri;TYPE="${telTypes[p.kind ?? 'work'] ?? 'voice'}"${i === 0 ? ';PREF=1' : ''}:tel:${p.value.replace(/[^\d+]/g, '')}`,
    ),
    ...c.emails.map((e, i) => {
      const type = emailTypes[e.kind ?? 'work'];
      return `EMAIL${type ? `;TYPE=${type}` : ''}${i === 0 ? ';PREF=1' : ''}:${escapeText(e.value)}`;
    }),
    ...(c.birthday ? [`BDAY:${bday(c.birthday)}`] : []),
    ...(c.updatedAt ? [`REV:${timestamp(c.updatedAt)}`] : []),
    'END:VCARD',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
};
