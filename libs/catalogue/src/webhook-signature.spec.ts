import { signWebhook, verifyWebhook } from './webhook-signature';

const SECRET = 'whsec_0123456789abcdef';
const BODY = '{"id":"evt-1"}';
const T = 1_764_900_000;

describe(signWebhook.name, () => {
  it('signs "<t>.<body>" with HMAC-SHA256 (value computed with openssl dgst -hmac)', () => {
    expect(signWebhook(SECRET, T, BODY)).toBe(`t=${T},v1=31e8eda805c62047fdb2c63dd7a8f14f1b06418beee4f9b48e147ae3cd7b287b`);
  });
});

describe(verifyWebhook.name, () => {
  const header = signWebhook(SECRET, T, BODY);

  it('accepts the signature within the tolerance', () => {
    expect(verifyWebhook(SECRET, header, BODY, 300, T + 299)).toBe(true);
    expect(verifyWebhook(SECRET, header, BODY, 300, T - 10)).toBe(true);
  });

  it('refuses another body, another secret, an old or future timestamp', () => {
    expect(verifyWebhook(SECRET, header, '{"id":"evt-2"}', 300, T)).toBe(false);
    expect(verifyWebhook('another-secret-0123', header, BODY, 300, T)).toBe(false);
    expect(verifyWebhook(SECRET, header, BODY, 300, T + 301)).toBe(false);
    expect(verifyWebhook(SECRET, header, BODY, 300, T - 301)).toBe(false);
  });

  it('refuses a timestamp swapped under an existing signature, and malformed headers', () => {
    expect(verifyWebhook(SECRET, header.replace(`t=${T}`, `t=${T + 1}`), BODY, 300, T)).toBe(false);
    expect(verifyWebhook(SECRET, `v1=${header.split('v1=')[1]}`, BODY, 300, T)).toBe(false);
    expect(verifyWebhook(SECRET, `t=${T}`, BODY, 300, T)).toBe(false);
    expect(verifyWebhook(SECRET, `t=${T},v1=abc`, BODY, 300, T)).toBe(false);
    expect(verifyWebhook(SECRET, '', BODY, 300, T)).toBe(false);
  });

  it('accepts a header carrying several signatures when one matches (secret rotation)', () => {
    const other = signWebhook('old-secret-0123456789', T, BODY).split(',')[1];
    expect(verifyWebhook(SECRET, `${header},${other}`, BODY, 300, T)).toBe(true);
  });
});
