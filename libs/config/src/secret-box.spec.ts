import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = SecretBox.fromKey(SecretBox.generateKey());

  it('opens what it sealed, and never stores the plaintext', () => {
    const sealed = box.seal('api-key-123');
    expect(sealed).not.toContain('api-key-123');
    expect(box.open(sealed)).toBe('api-key-123');
    expect(box.seal('api-key-123')).not.toBe(sealed);
  });

  it('refuses a tampered secret and another key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('other!').toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow();
    expect(() => SecretBox.fromKey(SecretBox.generateKey()).open(sealed)).toThrow();
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => SecretBox.fromKey('c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => SecretBox.fromKey('00'.repeat(32))).not.toThrow();
  });
});
