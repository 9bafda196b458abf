import { writeActeArchive, writeTextPdf, type OutgoingActSpec, type WrittenArchive } from '@openactes/formats';
import { generateDeliberations, type DemoDeliberation, type GenerateOptions } from './deliberations';

export interface DemoArchive extends WrittenArchive {
  deliberation: DemoDeliberation;
  /** What was written, e.g. to answer it with the prefecture's acknowledgement. */
  spec: OutgoingActSpec;
}

/** Generated deliberations as the ACTES archives a platform would send: one act, its PDF, per archive. */
export function buildDemoArchives(opts: GenerateOptions): DemoArchive[] {
  return generateDeliberations(opts).map((deliberation) => {
    const { collectivity: c } = deliberation;
    const spec: OutgoingActSpec = {
      siren: c.siren,
      departement: c.departement,
      date: deliberation.date,
      numeroInterne: deliberation.numeroInterne,
      nature: 'DE',
      matieres: deliberation.matieres,
      objet: deliberation.objet,
      document: { data: writeTextPdf(deliberation.pages, { title: deliberation.objet }), pieceType: '99_DE' },
      // Latin-1 as most platforms send, unless the text needs more.
      encoding: /[\u0100-\uffff]/.test(deliberation.objet) ? 'UTF-8' : 'ISO-8859-1',
    };
    return { ...writeActeArchive(spec), deliberation, spec };
  });
}
