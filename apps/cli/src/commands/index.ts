import type { Command } from '../command';
import { tenantCommand } from './tenant.command';
import { tokenCommand } from './token.command';
import { pullCommand } from './pull.command';
import { anonymiseCommand } from './anonymise.command';
import { portalCommand } from './portal.command';
import { dbCommand } from './db.command';
import { userCommand } from './user.command';
import { auditCommand } from './audit.command';

/** Every command, by name. Add a command: one file in this folder, one line here. */
export const COMMANDS: readonly Command[] = [
  tenantCommand,
  tokenCommand,
  pullCommand,
  anonymiseCommand,
  dbCommand,
  portalCommand,
  userCommand,
  auditCommand,
];
