/**
 * Policy files: YAML text and files read and validated (the CLI, the build), compiled to JSON
 * for the functions, and the compiled JSON loaded at a cold start. The rules themselves (types,
 * validation, resolution) are src/domain/policy, which knows no file and no YAML.
 *
 * The functions import loadCompiledPolicy.js alone, never this index: it would bring the YAML
 * parser into their bundles (test/unit/handlers/handlerBundles.test.ts checks they hold none).
 */
export { type CompiledPolicy, compilePolicyFile } from './compilePolicy.js';
export { PolicyFileError } from './errors.js';
export { loadCompiledPolicySync } from './loadCompiledPolicy.js';
export { loadPolicyFile, loadPolicyFileSync } from './loadPolicyFile.js';
export { type ParsePolicyOptions, parsePolicy } from './parsePolicy.js';
