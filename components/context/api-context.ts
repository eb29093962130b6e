import { createContext } from '@lit/context';
import type { AtlasApiClient } from '../api/client.js';

/** The API client an `<atlas-provider>` gives every atlas element inside it (SPEC C6). */
export const apiContext = createContext<AtlasApiClient | undefined>(Symbol.for('atlas-api-client'));
