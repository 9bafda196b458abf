import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) username!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1024) password!: string;
}

export class SessionUserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['admin', 'reviewer', 'clerk'] }) role!: string;
  @ApiProperty({ type: [String], description: 'Clerks: their collectivities' }) sirens!: string[];
}

export class SessionDto {
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
  @ApiProperty({ description: 'Send it as X-CSRF-Token with every POST, PUT, PATCH and DELETE' }) csrfToken!: string;
}
