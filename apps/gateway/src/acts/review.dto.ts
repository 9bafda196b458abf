import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';

const CORRECTION_LABELS = ['PERSON', 'ADDRESS', 'PARCEL', 'BIRTHDATE', 'PHONE', 'EMAIL', 'IBAN', 'NIR', 'JUDGEMENT', 'QUASI_ID'] as const;

export class ReviewCorrectionDto {
  @ApiProperty({ minimum: 0, description: 'First character of the span (UTF-16 offset into the main document\'s extracted text)' })
  @IsInt()
  @Min(0)
  start!: number;

  @ApiProperty({ minimum: 1, description: 'One past the last character of the span' })
  @IsInt()
  @Min(1)
  end!: number;

  @ApiProperty({ enum: ['redact', 'keep'], description: 'redact: hide the span (and every other occurrence of the same words); keep: un-redact it' })
  @IsIn(['redact', 'keep'])
  action!: 'redact' | 'keep';

  @ApiPropertyOptional({ enum: CORRECTION_LABELS, description: 'Kind of placeholder for an added redaction (PERSON when omitted)' })
  @IsOptional()
  @IsIn(CORRECTION_LABELS)
  label?: (typeof CORRECTION_LABELS)[number];
}

export class ReviewDecisionDto {
  @ApiProperty({ enum: ['approve', 'withhold'], description: 'approve: publish the pseudonymised act; withhold: never publish it' })
  @IsIn(['approve', 'withhold'])
  decision!: 'approve' | 'withhold';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({
    type: [ReviewCorrectionDto],
    description:
      'Only with approve: corrections of the anonymiser. Offsets are UTF-16 code units (JavaScript string indices, end exclusive) into the ' +
      'ORIGINAL text extracted from the main document, the coordinates of the detected entities stored with it, not into the pseudonymised ' +
      'text (whose offsets move with each placeholder). Spans must lie within the text and must not overlap (400 VALIDATION_FAILED, details.problems).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReviewCorrectionDto)
  corrections?: ReviewCorrectionDto[];
}
