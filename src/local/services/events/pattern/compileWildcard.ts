import { InvalidEventPatternError } from './InvalidEventPatternError.js';

/**
 * Compiles a `wildcard` operand (`*` = any run of characters, `\*` a literal asterisk, `\\` a
 * literal backslash) into an anchored test. Positions in errors are byte offsets into the
 * quoted value, as event-ruler reports them.
 */
export function compileWildcard(pattern: string): (value: string) => boolean {
  let source = '';
  let bytePosition = 1; // event-ruler counts the opening quote
  const characters = [...pattern];
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index] ?? '';
    if (character === '*') {
      if (characters[index + 1] === '*') {
        throw new InvalidEventPatternError(`Consecutive wildcard characters at pos ${bytePosition}`);
      }
      source += '.*';
    } else if (character === '\\') {
      const next = characters[index + 1];
      if (next !== '*' && next !== '\\') {
        throw new InvalidEventPatternError(`Invalid escape character at pos ${bytePosition}`);
      }
      source += `\\${next}`;
      index += 1;
      bytePosition += 1;
    } else {
      source += character.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    bytePosition += Buffer.byteLength(character);
  }
  const expression = new RegExp(`^${source}$`, 'su');
  return (value) => expression.test(value);
}
