import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DocumentRole = 'main' | 'annex';

@Entity({ name: 'document' })
@Index('uq_document_act_file', ['actId', 'fileName'], { unique: true })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'act_id', type: 'uuid' })
  actId!: string;

  @Column({ type: 'text' })
  role!: DocumentRole;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /** ACTES v2 piece type (`99_DE`, `32_DP`…), when the file name carries one. */
  @Column({ name: 'piece_type', type: 'text', nullable: true })
  pieceType!: string | null;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ type: 'text', nullable: true, select: false })
  text!: string | null;

  @Column({ name: 'page_count', type: 'integer', nullable: true })
  pageCount!: number | null;

  /** Whether this file may be published with its act (policy, or a clerk's decision); null until decided. */
  @Column({ type: 'boolean', nullable: true })
  publish!: boolean | null;

  /** The text as it may be published, private persons' data replaced by placeholders. */
  @Column({ name: 'pseudonymised_text', type: 'text', nullable: true, select: false })
  pseudonymisedText!: string | null;

  /** Detected entities: offsets, label, action, confidence — never the values. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  entities!: { start: number; end: number; label: string; action: string; confidence: number }[] | null;

  /** What is published of this file: the original PDF (nothing redacted in it) or a PDF regenerated from the pseudonymised text. */
  @Column({ name: 'published_as', type: 'text', nullable: true })
  publishedAs!: 'original' | 'regenerated' | null;

  @Column({ name: 'published_sha256', type: 'char', length: 64, nullable: true })
  publishedSha256!: string | null;

  @Column({ name: 'published_size', type: 'integer', nullable: true })
  publishedSize!: number | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
