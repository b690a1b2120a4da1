import type { Command } from '../command.js';
import { dlqList } from './dlqList.js';
import { dlqRedrive } from './dlqRedrive.js';
import { localDemo } from './localDemo.js';
import { localServe } from './localServe.js';
import { plan } from './plan.js';
import { policyCheck } from './policyCheck.js';
import { status } from './status.js';
import { sweep } from './sweep.js';
import { trigger } from './trigger.js';

/** Every CLI command, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  localServe,
  localDemo,
  policyCheck,
  plan,
  status,
  sweep,
  trigger,
  dlqList,
  dlqRedrive,
];
