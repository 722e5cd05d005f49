// Phones as Russian users read them: +7 (912) 345-67-89. Numbers are stored in E.164; other
// countries are shown as stored.

const digitsOf = (value: string): string => value.replace(/\D/g, '');

/** +79123456789 → +7 (912) 345-67-89; 8 912… and 9 digits typed without a code read as Russian. */
export const formatPhone = (value: string): string => {
  const digits = digitsOf(value);
  let national: string | undefined;
  if (
    digits.length === 11 &&
    (digits.startsWith('7') || (digits.startsWith('8') && !value.trim().startsWith('+')))
  )
    national = digits.slice(1);
  else if (digits.length === 10 && !value.trim().startsWith('+')) national = digits;
  if (national) {
    return `+7 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8, 10)}`;
  }
  // Other numbering plans are shown as stored: guessing their grouping would mislead.
  return value.trim().startsWith('+') && digits.length > 4 ? `+${digits}` : value;
};

/** tel: link target: E.164 without spaces. */
export const telHref = (value: string): string => {
  const digits = digitsOf(value);
  if (!value.trim().startsWith('+') && digits.length === 11 && digits.startsWith('8'))
    return `tel:+7${digits.slice(1)}`;
  return `tel:${value.trim().startsWith('+') ? '+' : ''}${digits}`;
};
