import type { DataSource, EntityManager } from 'typeorm';
import type { DocumentEntity } from './entities/document.entity';

export interface DocumentPublication {
  documentId: string;
  publishedAs: 'original' | 'regenerated';
  /** The regenerated PDF; null for the original, served from the stored file. */
  content: Buffer | null;
  sha256: string;
  size: number;
}

export interface PublishedDocument {
  id: string;
  fileName: string;
  publishedAs: 'original' | 'regenerated';
  sha256: string;
  size: number;
  publishedAt: Date;
}

/** Which version of each file of an act is published, and its bytes for download. */
export class DocumentPublicationStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces the act's published versions at once: a retried publication never leaves a mix. */
  async savePublications(actId: string, publications: DocumentPublication[], at: Date): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE document SET published_as = NULL, published_content = NULL, published_sha256 = NULL, published_size = NULL, published_at = NULL WHERE act_id = $1`,
        [actId],
      );
      for (const p of publications) {
        await m.query(
          `UPDATE document SET published_as = $3, published_content = $4, published_sha256 = $5, published_size = $6, published_at = $7 WHERE id = $1 AND act_id = $2`,
          [p.documentId, actId, p.publishedAs, p.content, p.sha256, p.size, at],
        );
      }
    });
  }

  /**
   * An administrator's choice to publish one file of an act or not. Turned off, a file already
   * published stops being served at once; turned on, it goes out at the act's next publication.
   * `record` writes the audit event in the same transaction. Null when the act has no such document.
   */
  async setPublish(
    actId: string,
    documentId: string,
    publish: boolean,
    record: (manager: EntityManager, change: { previous: boolean | null; unpublished: boolean }) => Promise<unknown>,
  ): Promise<{ previous: boolean | null; unpublished: boolean } | null> {
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(`SELECT publish, published_as FROM document WHERE id = $1 AND act_id = $2 FOR UPDATE`, [documentId, actId])) as {
        publish: boolean | null;
        published_as: string | null;
      }[];
      if (!row) return null;
      const unpublished = !publish && row.published_as !== null;
      await m.query(
        unpublished
          ? `UPDATE document SET publish = $2, published_as = NULL, published_content = NULL, published_sha256 = NULL, published_size = NULL, published_at = NULL WHERE id = $1`
          : `UPDATE document SET publish = $2 WHERE id = $1`,
        [documentId, publish],
      );
      const change = { previous: row.publish, unpublished };
      await record(m, change);
      return change;
    });
  }

  /** Stores the anonymiser's output for one file (annexes; the main file goes with the act's objet). */
  async saveDocumentAnonymisation(documentId: string, pseudonymisedText: string, entities: NonNullable<DocumentEntity['entities']>): Promise<void> {
    await this.dataSource.query(`UPDATE document SET pseudonymised_text = $2, entities = $3 WHERE id = $1`, [documentId, pseudonymisedText, JSON.stringify(entities)]);
  }

  async anonymisationOf(documentId: string): Promise<{ text: string | null; pseudonymisedText: string | null; entities: DocumentEntity['entities'] }> {
    const [row] = (await this.dataSource.query(`SELECT text, pseudonymised_text, entities FROM document WHERE id = $1`, [documentId])) as {
      text: string | null;
      pseudonymised_text: string | null;
      entities: DocumentEntity['entities'];
    }[];
    return { text: row?.text ?? null, pseudonymisedText: row?.pseudonymised_text ?? null, entities: row?.entities ?? null };
  }

  /** The published files of a published act (none for an act in any other status). */
  async publishedDocuments(actId: string): Promise<PublishedDocument[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.file_name, d.published_as, d.published_sha256, d.published_size, d.published_at
         FROM document d JOIN act a ON a.id = d.act_id
        WHERE d.act_id = $1 AND a.status = 'published' AND d.published_as IS NOT NULL
        ORDER BY d.position`,
      [actId],
    )) as { id: string; file_name: string; published_as: 'original' | 'regenerated'; published_sha256: string; published_size: number; published_at: Date }[];
    return rows.map((r) => ({ id: r.id, fileName: r.file_name, publishedAs: r.published_as, sha256: r.published_sha256, size: r.published_size, publishedAt: r.published_at }));
  }

  /** One published file with its bytes, or null when it is not (or no longer) published. */
  async publishedContent(actId: string, documentId: string): Promise<(PublishedDocument & { content: Buffer }) | null> {
    const [row] = (await this.dataSource.query(
      `SELECT d.id, d.file_name, d.published_as, d.published_sha256, d.published_size, d.published_at,
              CASE WHEN d.published_as = 'original' THEN d.content ELSE d.published_content END AS content
         FROM document d JOIN act a ON a.id = d.act_id
        WHERE d.id = $1 AND d.act_id = $2 AND a.status = 'published' AND d.published_as IS NOT NULL`,
      [documentId, actId],
    )) as { id: string; file_name: string; published_as: 'original' | 'regenerated'; published_sha256: string; published_size: number; published_at: Date; content: Buffer }[];
    if (!row) return null;
    return { id: row.id, fileName: row.file_name, publishedAs: row.published_as, sha256: row.published_sha256, size: row.published_size, publishedAt: row.published_at, content: row.content };
  }
}
