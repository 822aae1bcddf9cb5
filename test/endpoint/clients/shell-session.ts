/**
 * One long-lived bash, as a reader's terminal: commands run in it one after another, so what one
 * exports (credentials, KMS_ENDPOINT_URL) and where it leaves things hold for the next.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { ProcessResult } from './aws-clients';

export interface ShellSession {
  /** Runs one command (a line, or lines joined by `\` or a loop) and resolves when it has ended. */
  run(command: string, timeoutMs?: number): Promise<ProcessResult>;
  close(): void;
}

/** Collects a stream's text, and resolves waiters once the text holds a pattern. */
function textCollector(stream: NodeJS.ReadableStream) {
  let text = '';
  let waiter: { pattern: RegExp; resolve: (match: RegExpExecArray) => void } | undefined;
  const check = () => {
    const match = waiter?.pattern.exec(text);
    if (match && waiter) {
      const { resolve } = waiter;
      waiter = undefined;
      resolve(match);
    }
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
    check();
  });
  return {
    /** Resolves with the text before `pattern` and the match, and drops both from what is kept. */
    until(pattern: RegExp): Promise<{ before: string; match: RegExpExecArray }> {
      return new Promise((resolve) => {
        waiter = {
          pattern,
          resolve: (match) => {
            const before = text.slice(0, match.index);
            text = text.slice(match.index + match[0].length);
            resolve({ before, match });
          },
        };
        check();
      });
    },
  };
}

export function openShellSession(options: { cwd: string; env: NodeJS.ProcessEnv; setup?: string }): ShellSession {
  const shell: ChildProcessWithoutNullStreams = spawn('/bin/bash', ['--noprofile', '--norc'], {
    cwd: options.cwd,
    env: options.env,
  });
  const stdout = textCollector(shell.stdout);
  const stderr = textCollector(shell.stderr);
  const marker = `__command_ended_${randomUUID().replaceAll('-', '')}`;
  if (options.setup) shell.stdin.write(`${options.setup}\n`);

  return {
    async run(command, timeoutMs = 300_000) {
      // The command's stdin is /dev/null, so that nothing it starts reads the commands that follow.
      shell.stdin.write(`{ ${command}\n} </dev/null\nprintf '\\n${marker} %s\\n' "$?"\nprintf '\\n${marker}\\n' >&2\n`);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Still running after ${timeoutMs / 1000} s: ${command}`)), timeoutMs);
      });
      try {
        const [out, err] = await Promise.race([
          Promise.all([stdout.until(new RegExp(`\\n${marker} (\\d+)\\n`)), stderr.until(new RegExp(`\\n${marker}\\n`))]),
          timedOut,
        ]);
        return { exitCode: Number(out.match[1]), stdout: out.before, stderr: err.before };
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => shell.kill('SIGKILL'),
  };
}
