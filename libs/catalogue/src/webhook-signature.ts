import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures in the style reusers know from Stripe: the header
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp is
 * signed with the body, so a captured delivery cannot be replayed later.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * True when one of the header's v1 signatures matches the body and its timestamp
 * is within `toleranceSeconds` of `now` (unix seconds). Compares in constant time.
 */
export function verifyWebhook(secret: string, header: string, body: string, toleranceSeconds: number, now: number): boolean {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && /^\d+$/.test(value ?? '')) timestamp = Number(value);
    if (key === 'v1' && value) signatures.push(value);
  }
  if (timestamp === null || Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'utf8');
  // Every candidate is compared (no early exit), each in constant time.
  return signatures.reduce((ok, s) => {
    const given = Buffer.from(s, 'utf8');
    return (given.length === expected.length && timingSafeEqual(given, expected)) || ok;
  }, false);
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}
