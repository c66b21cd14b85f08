// This repository's own dangerfile. Danger transpiles it to CommonJS, so it imports the built
// adapter (npm install builds dist/); src/ never imports danger at runtime.
import { danger, fail, warn, message, markdown, schedule } from 'danger';
import { checkWithDanger, reviewProposalWithDanger } from './dist/adapters/danger.js';

const reporters = { fail, warn, message, markdown };
schedule(checkWithDanger(danger, reporters));
schedule(reviewProposalWithDanger(danger, reporters));
