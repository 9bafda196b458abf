import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const ROLES = ['admin', 'reviewer', 'clerk'] as const;

export class CreateUserDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(64) username!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) displayName!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: (typeof ROLES)[number];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @Matches(/^\d{9}$/, { each: true }) sirens?: string[];
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(1024) password!: string;
  @ApiPropertyOptional({ description: 'Links the account to an OpenID Connect subject' }) @IsOptional() @IsString() @MaxLength(255) oidcSubject?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: (typeof ROLES)[number];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @Matches(/^\d{9}$/, { each: true }) sirens?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ minLength: 12 }) @IsOptional() @IsString() @MinLength(12) @MaxLength(1024) password?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) oidcSubject?: string;
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: [String] }) sirens!: string[];
  @ApiProperty() active!: boolean;
  @ApiPropertyOptional({ nullable: true }) oidcSubject!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) lastLoginAt!: string | null;
}
