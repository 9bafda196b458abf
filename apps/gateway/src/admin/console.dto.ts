import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class UnpublishDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @MinLength(3) @MaxLength(2000) reason!: string;
}

export class BackfillDto {
  @ApiProperty() @Matches(/^\d{9}$/) siren!: string;
  @ApiProperty() @IsInt() @Min(1990) @Max(2100) fromYear!: number;
  @ApiProperty() @IsInt() @Min(1990) @Max(2100) toYear!: number;
}
