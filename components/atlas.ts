/** Registers every Atlas element: the entry for `<script type="module">` embeds. */
import './define/atlas-provider.js';
import './define/atlas-share-dialog.js';
import './define/atlas-widget.js';
import './define/atlas-public-viewer.js';
import './define/atlas-dashboard-card.js';
import './define/atlas-dashboard-list.js';
import './define/atlas-link-list.js';
import './define/atlas-dashboard.js';

export * from './index.js';
