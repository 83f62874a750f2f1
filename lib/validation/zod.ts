import { z } from "zod";

// Every schema in lib/validation gets zod from here, so this runs before any of them is built.
// zod compiles object schemas with `new Function` where it may, and probes for that by calling it:
// the pages' CSP (lib/security-headers.js) forbids eval, and the browser reports even the failed
// probe as a violation. Interpreted parsing is plenty for forms.
z.config({ jitless: true });

export { z };
