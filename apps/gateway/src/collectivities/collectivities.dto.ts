import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class UpsertCollectivityDto {
  @ApiProperty() @Matches(/^\d{9}$/) siren!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{14}$/) siret?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(3) departement?: string;
}

export class CreateTokenDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) platform!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5000) @Matches(/^\d{9}$/, { each: true }) sirens!: string[];
}
