import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A transmission platform (e.g. the regional syndicate's S²LOW) that pushes acts for a set of collectivities. */
@Entity({ name: 'platform' })
export class PlatformEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
