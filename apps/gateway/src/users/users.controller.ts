import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserStore, type AppUserEntity } from '@openactes/persistence';
import { Roles, type AuthenticatedRequest } from '../common/roles';
import { CreateUserDto, UpdateUserDto, UserDto } from './users.dto';

@ApiTags('users')
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UserStore) {}

  @Get()
  @ApiOperation({ summary: 'Every console account (never a password hash)' })
  @ApiOkResponse({ type: [UserDto] })
  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }

  @Post()
  @ApiOperation({ summary: 'Create a local account (clerks need their SIRENs); 409 CONFLICT for a taken username' })
  @ApiCreatedResponse({ type: UserDto })
  async create(@Body() body: CreateUserDto, @Req() req: AuthenticatedRequest): Promise<UserDto> {
    return toUserDto(await this.users.create(body, req.principal.id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an account\'s role, SIRENs, state or password; its open sessions end' })
  @ApiOkResponse({ type: UserDto })
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserDto, @Req() req: AuthenticatedRequest): Promise<UserDto> {
    return toUserDto(await this.users.update(id, body, req.principal.id));
  }
}

export function toUserDto(u: AppUserEntity): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    sirens: u.sirens,
    active: u.active,
    oidcSubject: u.oidcSubject,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}
