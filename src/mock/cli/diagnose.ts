/**
 * `kms-mock diagnose [file]`: reads an error, a stack trace or describe-custom-key-stores output from
 * a file or standard input (`aws kms describe-custom-key-stores | kms-mock diagnose`) and names the
 * scenario page it is, with the facts it read. Plain text for people, `--json` for scripts.
 * Exit status: 0 with a candidate, 1 with none (the reason on standard error), 2 for a usage error.
 */
import { readFile } from 'node:fs/promises';
import { diagnose, type Diagnosis, type DiagnosisFacts } from '../diagnose/index.ts';
import { DOCS_SITE_URL } from '../scenarios/index.ts';
import { parseFlags, UsageError, type Command } from './options.ts';

export const diagnoseCommand: Command = {
  arguments: '[file]',
  summary: 'read a pasted error or describe-custom-key-stores output (a file, or standard input) and name its page',
  flags: {
    json: { help: 'print { facts, candidates: [{ scenario, page, why }], ambiguous, ask }, best candidate first' },
    'docs-url': {
      value: '<url>',
      help: 'where the guides are deployed (or KMS_MOCK_DOCS_URL)',
      default: process.env['KMS_MOCK_DOCS_URL'] ?? DOCS_SITE_URL,
    },
  },
  details:
    'aws kms describe-custom-key-stores | kms-mock diagnose\nExit status: 0 with a candidate, 1 with none (the reason on standard error). Nothing read is kept or sent anywhere.',
  async run(args) {
    const { positionals, values } = parseFlags(args, this.flags);
    if (positionals.length > 1) throw new UsageError(`Expected at most one file, got ${positionals.length}.`);
    const text = await readInput(positionals[0]);
    if (!text.ok) {
      console.error(`kms-mock diagnose: ${text.error}`);
      return 2;
    }
    const diagnosis = diagnose(text.value, { docsUrl: String(values['docs-url']) });
    if (values['json'] === true) console.log(JSON.stringify(jsonAnswer(diagnosis), null, 2));
    else if (diagnosis.candidates.length > 0) console.log(plainAnswer(diagnosis));
    if (diagnosis.candidates.length === 0) {
      console.error(`kms-mock diagnose: ${diagnosis.reason}${diagnosis.ask ? `\n${diagnosis.ask}` : ''}`);
      return 1;
    }
    return 0;
  },
};

async function readInput(file: string | undefined): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  if (file !== undefined && file !== '-') {
    try {
      return { ok: true, value: await readFile(file, 'utf8') };
    } catch (error) {
      return {
        ok: false,
        error: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
      };
    }
  }
  if (process.stdin.isTTY)
    return {
      ok: false,
      error: 'nothing to read: give a file, or pipe the text in (aws kms describe-custom-key-stores | kms-mock diagnose).',
    };
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return { ok: true, value: Buffer.concat(chunks).toString('utf8') };
}

/** The `--json` shape: facts, candidates (scenario, page, why), ambiguous, ask (and the reason when there is no candidate). */
function jsonAnswer(diagnosis: Diagnosis) {
  return {
    facts: diagnosis.facts,
    candidates: diagnosis.candidates.map(({ scenario, page, why }) => ({ scenario, page, why })),
    ambiguous: diagnosis.ambiguous,
    ...(diagnosis.ask ? { ask: diagnosis.ask } : {}),
    ...(diagnosis.reason ? { reason: diagnosis.reason } : {}),
  };
}

function factsLine(facts: DiagnosisFacts): string {
  const parts = [
    facts.exception && `${facts.exception}${facts.operation ? ` from ${facts.operation}` : ''}`,
    !facts.exception && facts.operation && `operation ${facts.operation}`,
    facts.storeId && `store ${facts.storeId}`,
    facts.storeType,
    facts.connectionState,
    facts.connectionErrorCode,
    facts.keyState && `key ${facts.keyState}`,
    ...facts.messageFragments.map((fragment) => `“${fragment}”`),
  ].filter(Boolean);
  return parts.join(', ');
}

function plainAnswer(diagnosis: Diagnosis): string {
  const [best, ...others] = diagnosis.candidates;
  const lines = [`Read: ${factsLine(diagnosis.facts)}`, ''];
  const describe = (c: typeof best & object) => [`  ${c.title}`, `  ${c.page}`, `  ${c.why}`];
  if (diagnosis.ambiguous) {
    lines.push(
      'These fit equally well:',
      ...diagnosis.candidates.filter((c) => c.best).flatMap((c) => [...describe(c), '']),
      `To decide: ${diagnosis.ask}`,
    );
    return lines.join('\n');
  }
  lines.push('This is:', ...describe(best!));
  if (others.length > 0) lines.push('', 'Less likely:', ...others.map((c) => `  ${c.title}  ${c.page}`));
  return lines.join('\n');
}
