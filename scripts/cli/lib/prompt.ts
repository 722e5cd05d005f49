// Questions to the operator on stdin. An answer cut short (stdin closed, piped input ending,
// Ctrl-D, Ctrl-C) counts as an empty answer, so a confirmation can never pass by accident.
import { createInterface } from 'node:readline/promises';

export const ask = async (question: string): Promise<string> => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
  rl.once('SIGINT', () => rl.close());
  try {
    const answer = rl.question(question).catch(() => '');
    return (await Promise.race([answer, closed])).trim();
  } finally {
    rl.close();
  }
};

export const confirm = async (question: string): Promise<boolean> =>
  /^y(es)?$/i.test(await ask(`${question} [y/N] `));
