import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The differential covers every SQS and EventBridge operation the code calls: the product, the
 * CLI and the local runner (which deploys the template through SQS and EventBridge). A command
 * imported anywhere under src/ and in no differential scenario fails here, naming the command.
 */

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SRC = join(REPO_ROOT, 'src');
const DIFFERENTIAL = fileURLToPath(new URL('.', import.meta.url));
const CLIENTS = ['@aws-sdk/client-sqs', '@aws-sdk/client-eventbridge'] as const;

async function typeScriptFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The `…Command` names the files import from `client`, with the file that imports each. */
async function commandsImported(files: readonly string[], client: string): Promise<Map<string, string>> {
  const imports = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*'${client}'`, 'g');
  const commands = new Map<string, string>();
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const [, names = ''] of text.matchAll(imports)) {
      for (const name of names.split(',').map((part) => part.trim().split(/\s+as\s+/)[0] ?? '')) {
        if (/^[A-Z]\w*Command$/.test(name) && !commands.has(name))
          commands.set(name, relative(REPO_ROOT, file));
      }
    }
  }
  return commands;
}

describe('Differential coverage: every SQS and EventBridge command under src/ is in a scenario', () => {
  it.each(CLIENTS)('%s', async (client) => {
    // Prepare
    const used = await commandsImported(await typeScriptFiles(SRC), client);
    const compared = await commandsImported(await typeScriptFiles(DIFFERENTIAL), client);

    // Act
    const uncovered = [...used]
      .filter(([command]) => !compared.has(command))
      .map(([command, file]) => `${command} (${file})`);

    // Assess: a walker that found nothing would pass vacuously.
    expect(used.size).toBeGreaterThan(2);
    expect(uncovered).toEqual([]);
  });
});
