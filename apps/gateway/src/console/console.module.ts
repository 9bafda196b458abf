import { Module } from '@nestjs/common';
import { ConsoleConfigController } from './console-config.controller';
import { ConsoleStaticController } from './console-static.controller';

/** The supervision console: its built files at /console/ and its small settings route. */
@Module({ controllers: [ConsoleConfigController, ConsoleStaticController] })
export class ConsoleModule {}
