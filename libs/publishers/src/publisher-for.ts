import { CkanPublisher } from './ckan-publisher';
import type { PortalConnection, PortalKind, Publisher, PublisherOptions } from './publication';
import { UdataPublisher } from './udata-publisher';

export function publisherFor(kind: PortalKind, portal: PortalConnection, options: PublisherOptions = {}): Publisher {
  return kind === 'udata' ? new UdataPublisher(portal, options) : new CkanPublisher(portal, options);
}
