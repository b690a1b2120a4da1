import type { CommandContext } from '../../../../src/cli/command.js';
import { createMemoryPrinter } from '../../../../src/cli/printer.js';

/** A command context that records output; `confirm` answers with `answer`. */
export function memoryContext(
  options: { env?: Record<string, string | undefined>; cwd?: string; answer?: boolean } = {},
) {
  const printer = createMemoryPrinter();
  const questions: string[] = [];
  const context: CommandContext = {
    printer,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    interrupted: new Promise(() => undefined),
    confirm: async (question) => {
      questions.push(question);
      return options.answer ?? false;
    },
  };
  return { printer, context, questions };
}
