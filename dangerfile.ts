// This repository's own dangerfile. Danger transpiles it to CommonJS, so it imports the built
// adapter (npm install builds dist/); src/ never imports danger at runtime.
import { danger, fail, warn, message, markdown, schedule } from 'danger';
import { checkWithDanger } from './dist/adapters/danger.js';

schedule(checkWithDanger(danger, { fail, warn, message, markdown }));
