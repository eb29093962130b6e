/** Registers every Atlas element: the entry for `<script type="module">` embeds. */
import './define/atlas-provider.js';

export * from './index.js';
