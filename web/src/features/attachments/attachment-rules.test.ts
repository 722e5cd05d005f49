// Files are refused before the upload when the API would refuse them, with the reason.
import { describe, expect, it } from 'vitest';
import { attachmentProblem, contentTypeOf } from './attachment-rules.ts';

describe('attachment rules', () => {
  it('accepts documents and images up to 25 MB', () => {
    expect(attachmentProblem({ name: 'Договор.pdf', type: 'application/pdf', size: 1000 })).toBeUndefined();
    expect(attachmentProblem({ name: 'счёт.xlsx', type: '', size: 1000 })).toBeUndefined();
    expect(contentTypeOf({ name: 'счёт.xlsx', type: '' })).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('refuses large, empty and executable files', () => {
    expect(attachmentProblem({ name: 'big.pdf', type: 'application/pdf', size: 26 * 1024 * 1024 })).toBe(
      'tooBig',
    );
    expect(attachmentProblem({ name: 'empty.txt', type: 'text/plain', size: 0 })).toBe('emptyFile');
    expect(attachmentProblem({ name: 'setup.exe', type: 'application/x-msdownload', size: 10 })).toBe(
      'badType',
    );
  });
});
