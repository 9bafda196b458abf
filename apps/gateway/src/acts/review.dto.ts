import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ReviewDecisionDto {
  @ApiProperty({ enum: ['approve', 'withhold'], description: 'approve: publish the pseudonymised act; withhold: never publish it' })
  @IsIn(['approve', 'withhold'])
  decision!: 'approve' | 'withhold';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
