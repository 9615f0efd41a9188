// Prints the full recompute as one SQL script, for the command line (DESIGN §8: rollups can always be
// rebuilt from the raw rows):
//   "stats:recompute": "wrangler d1 execute DB --command \"$(node worker/stats/recompute-print.ts)\""
//   npm run stats:recompute -- --remote        (or --local for the dev database)
import { recomputeStatements } from './recompute.ts';

console.log(`${recomputeStatements(false).join(';\n')};`);
