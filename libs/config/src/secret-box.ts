import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Credentials we must use later in clear (portal API keys, webhook secrets)
 * are stored encrypted with AES-256-GCM under SECRETS_KEY. The stored form is
 * `v1:<iv>:<tag>:<ciphertext>` (base64url), so a key rotation can add `v2`.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** A 32-byte key given as base64 (or hex); anything else is refused. */
  static fromKey(encoded: string): SecretBox {
    const key = /^[0-9a-f]{64}$/i.test(encoded) ? Buffer.from(encoded, 'hex') : Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes, base64 or hex encoded');
    return new SecretBox(key);
  }

  /** Development and tests only: a key derived from a fixed label, so dev data survives restarts. */
  static forDevelopment(label = 'openactes-development'): SecretBox {
    return new SecretBox(createHash('sha256').update(label).digest());
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
