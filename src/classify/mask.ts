/**
 * Masked samples for the opt-in `keepMaskedSample`: enough to recognise a value in an incident ("4111********1111"),
 * never enough to use it. Credentials keep at most their first four characters; other values keep up to four at each
 * end, and never more than half of the value in total (PCI DSS allows first six and last four of a PAN).
 */
export function maskSample(value: string, credential: boolean): string {
  const text = value.length > 64 ? value.slice(0, 64) : value;
  const reveal = Math.min(4, Math.floor(text.length / 4));
  if (credential) return text.slice(0, reveal) + '*'.repeat(Math.max(4, text.length - reveal));
  const each = Math.min(4, Math.floor(text.length / 4));
  const middle = text.slice(each, text.length - each).replace(/[^ \-@.]/g, '*');
  return text.slice(0, each) + middle + text.slice(text.length - each);
}
