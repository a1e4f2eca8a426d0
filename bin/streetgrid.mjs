#!/usr/bin/env node
// Entry of the `streetgrid` CLI: runs the TypeScript sources through tsx (a dev dependency of the project).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
