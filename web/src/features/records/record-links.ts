// Addresses of the customer-base screens, in one place.
import type { RecordType } from '../../api/records.ts';

export const listHref = (type: RecordType): string => (type === 'company' ? '/companies' : '/contacts');

export const recordHref = (type: RecordType, id: string): string =>
  `${listHref(type)}/${encodeURIComponent(id)}`;

export const newRecordHref = (type: RecordType): string => `${listHref(type)}/new`;
