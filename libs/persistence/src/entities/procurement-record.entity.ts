import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One record of a DECP file that passed validation, as normalised (DECP
 * 2.0.3). Versions of a contract from several files are merged when read.
 */
@Entity({ name: 'procurement_record' })
export class ProcurementRecordEntity {
  @PrimaryColumn({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  /** 0-based, among the kept records of the file, in source order. */
  @PrimaryColumn({ type: 'integer' })
  position!: number;

  /** The library's record id: `<file>#<JSON Pointer>`. */
  @Column({ name: 'record_id', type: 'text' })
  recordId!: string;

  @Column({ type: 'text' })
  kind!: 'marche' | 'contrat-concession';

  /** Buyer SIRET followed by the contract id: with the kind, the contract's key. */
  @Column({ type: 'text' })
  uid!: string;

  /** SIRET of the acheteur (marché) or autorité concédante (concession). */
  @Column({ type: 'char', length: 14 })
  buyer!: string;

  @Column({ type: 'char', length: 9 })
  siren!: string;

  @Column({ name: 'contract_id', type: 'text' })
  contractId!: string;

  /** Year of the notification (marché) or signature (concession). */
  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;
}
