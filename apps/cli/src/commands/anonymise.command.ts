import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { anonymise, type AnonymisationResult } from '@openactes/anonymisation';
import { UsageError, type Command } from '../command';

/** The result as the benchmarks and external checks read it: these keys, in this order. */
function publicResult(result: AnonymisationResult): Record<string, unknown> {
  return {
    text: result.text,
    entities: result.entities.map(({ start, end, label, action, confidence }) => ({ start, end, label, action, confidence })),
    decision: result.decision,
    reasons: result.reasons,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface JsonlInput {
  id?: unknown;
  text?: unknown;
  officials?: unknown;
}

async function anonymiseJsonl(): Promise<void> {
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (!line.trim()) continue;
    let input: JsonlInput;
    try {
      input = JSON.parse(line) as JsonlInput;
    } catch {
      throw new Error(`line ${lineNumber}: not a JSON object`);
    }
    if (typeof input.text !== 'string') throw new Error(`line ${lineNumber}: "text" must be a string`);
    const officials = Array.isArray(input.officials) ? input.officials.filter((o): o is string => typeof o === 'string') : undefined;
    const result = publicResult(anonymise(input.text, { officials }));
    process.stdout.write(`${JSON.stringify(input.id === undefined ? result : { id: input.id, ...result })}\n`);
  }
}

export const anonymiseCommand: Command = {
  name: 'anonymise',
  summary: 'Pseudonymise a text read on standard input (private persons, addresses, parcels, identifiers)',
  usage: [
    'anonymise [--official NAME]... < text.txt',
    '    Prints the pseudonymised text',
    'anonymise --json [--official NAME]... < text.txt',
    '    Prints one JSON object: { text, entities: [{ start, end, label, action, confidence }], decision, reasons }',
    '    (start/end are JavaScript string indices into the input text)',
    'anonymise --jsonl < texts.jsonl',
    '    Reads one JSON object per line ({ "text", "officials"?, "id"? }), writes one result per line (with its "id")',
    '--official NAME: an elected official of the collectivity, kept wherever they act as such (repeatable)',
  ].join('\n'),
  async run(args) {
    let values: { json?: boolean; jsonl?: boolean; official?: string[] };
    try {
      ({ values } = parseArgs({ args, options: { json: { type: 'boolean' }, jsonl: { type: 'boolean' }, official: { type: 'string', multiple: true } } }));
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    if (values.json && values.jsonl) throw new UsageError('--json and --jsonl are exclusive');
    if (values.jsonl) {
      await anonymiseJsonl();
      return 0;
    }
    const result = anonymise(await readStdin(), { officials: values.official });
    process.stdout.write(values.json ? `${JSON.stringify(publicResult(result))}\n` : result.text);
    return 0;
  },
};
