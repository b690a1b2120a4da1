import { AwsServiceError } from '../../protocol/serviceError.js';
import { type CompiledPattern, compilePattern, InvalidEventPatternError } from './pattern/index.js';

/** Compiles a pattern from an API call, turning a bad one into AWS's InvalidEventPatternException. */
export function compilePatternForApi(text: string): CompiledPattern {
  try {
    return compilePattern(text);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) {
      throw new AwsServiceError('InvalidEventPatternException', error.message);
    }
    throw error;
  }
}
