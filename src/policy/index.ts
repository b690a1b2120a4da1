export { PolicyFileError } from './errors.js';
export { loadPolicyFile, loadPolicyFileSync } from './loadPolicyFile.js';
