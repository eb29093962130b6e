/** Request validation lives with the HTTP plumbing (http/validate.ts); routes and the demo import it from here too. */
export { parse } from '../http/validate.js';
