import type { DataSource } from 'typeorm';
import { sha256Hex } from './audit-chain';
import { ReceivedPayloadEntity } from './entities/received-payload.entity';

export interface StoredPayload {
  sha256: string;
  sizeBytes: number;
  receivedAt: Date;
  /** False when the same bytes were received before. */
  isNew: boolean;
  outcome: ReceivedPayloadEntity['outcome'];
}

/** Stores every received body first, keyed by its SHA-256, so that nothing is lost. */
export class PayloadStore {
  constructor(private readonly dataSource: DataSource) {}

  async store(input: { kind: string; contentType: string | null; content: Buffer; submitter: string }): Promise<StoredPayload> {
    const sha256 = sha256Hex(input.content);
    const receivedAt = new Date();
    const inserted = (await this.dataSource.query(
      `INSERT INTO received_payload (sha256, kind, content_type, size_bytes, content, submitter, received_at, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')
       ON CONFLICT (sha256) DO NOTHING
       RETURNING sha256`,
      [sha256, input.kind, input.contentType, input.content.length, input.content, input.submitter, receivedAt],
    )) as unknown[];
    if (inserted.length) return { sha256, sizeBytes: input.content.length, receivedAt, isNew: true, outcome: 'pending' };
    const existing = await this.dataSource.getRepository(ReceivedPayloadEntity).findOneByOrFail({ sha256 });
    return { sha256, sizeBytes: existing.sizeBytes, receivedAt: existing.receivedAt, isNew: false, outcome: existing.outcome };
  }

  async markAccepted(sha256: string): Promise<void> {
    await this.dataSource.getRepository(ReceivedPayloadEntity).update({ sha256 }, { outcome: 'accepted', rejectionCode: null, rejectionMessage: null });
  }

  async markRejected(sha256: string, code: string, message: string): Promise<void> {
    await this.dataSource.getRepository(ReceivedPayloadEntity).update({ sha256 }, { outcome: 'rejected', rejectionCode: code, rejectionMessage: message });
  }

  async find(sha256: string): Promise<ReceivedPayloadEntity | null> {
    return this.dataSource.getRepository(ReceivedPayloadEntity).findOneBy({ sha256 });
  }

  async content(sha256: string): Promise<Buffer | null> {
    const row = await this.dataSource
      .getRepository(ReceivedPayloadEntity)
      .createQueryBuilder('p')
      .select('p.content', 'content')
      .where('p.sha256 = :sha256', { sha256 })
      .getRawOne<{ content: Buffer }>();
    return row?.content ?? null;
  }
}
