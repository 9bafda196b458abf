import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { datasetChangeNotifier, type DatasetChange, type DatasetChangeNotifier } from '@openactes/contracts';
import { AppSettings, type Settings } from './app-settings';

/** Signals (or starts) the publication workflows of the datasets a request changed. */
@Injectable()
export class DatasetNotifier implements DatasetChangeNotifier {
  private readonly notifier: DatasetChangeNotifier;

  constructor(client: Client, @Inject(AppSettings) settings: Settings) {
    this.notifier = datasetChangeNotifier(client, settings.temporal.taskQueue, settings.datasets);
  }

  changed(datasetIds: readonly string[], change: DatasetChange): Promise<void> {
    return this.notifier.changed(datasetIds, change);
  }
}
