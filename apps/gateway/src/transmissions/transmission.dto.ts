import { ApiProperty } from '@nestjs/swagger';
import { ACT_STATUSES, type ActStatus } from '@openactes/domain';

export class AcceptedActDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ACT_STATUSES }) status!: ActStatus;
}

export class TransmissionAcceptedDto {
  @ApiProperty() transmissionId!: string;
  @ApiProperty({ type: [AcceptedActDto] }) acts!: AcceptedActDto[];
}
