#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so it needs no build step and shares every module
// (policy validator, parsers, local cloud) with the Lambda bundle.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
