// The viewer page (embed.html, which loads this as embed/viewer.js), for iframes:
//   embed.html?src=<url of a .journey.json>   or   embed.html#map=<share code>
// with optional theme=light|dark|auto, lanes=<ids, kinds or titles>,
// height=<CSS length> and heading=<1–6> in the query (or after the code: #map=…&theme=dark).
// It only reads: no local storage, so it works in a sandboxed iframe
// without allow-same-origin.
//
// It is also where share links lead (Export → Copy share link in the
// editor): opened in a tab of its own with #map=…, the map is the page, so
// it takes the map's title, follows the reader's light or dark theme
// unless theme= says otherwise, and offers "Save a copy"
// (index.html#copy=…), not "Open in Journeymap".
import { mount } from '../embed.js';

const query = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
const param = (name) => query.get(name) ?? fragment.get(name) ?? undefined;

// A page of its own (a share link) rather than a frame in another page.
const alone = window.self === window.top;
const theme = param('theme') ?? (alone && fragment.has('map') ? 'auto' : 'light');
document.body.classList.add(`theme-${['dark', 'auto'].includes(theme) ? theme : 'light'}`);

function show() {
  const frag = new URLSearchParams(location.hash.replace(/^#/, ''));
  const options = { theme, lanes: param('lanes'), height: param('height') ?? '100vh', heading: param('heading') };
  const code = frag.get('map');
  if (code != null) {
    options.code = code;
    options.sharePage = alone;
  } else if (query.get('src') != null) options.src = query.get('src');
  else options.missing = "No map was given: add ?src=<address of a .journey.json file> or #map=<share code> to this page's address.";
  const element = document.getElementById('map');
  return mount(element, options).then((drawn) => {
    const title = drawn && options.sharePage && element.shadowRoot?.querySelector('.jm-title')?.textContent;
    if (title) document.title = `${title} · Journeymap`;
    return drawn;
  });
}

show();
// A new #map= in the same frame shows the new map.
addEventListener('hashchange', show);
