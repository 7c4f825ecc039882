// The viewer page (embed.html, which loads this as embed/viewer.js), for iframes:
//   embed.html?src=<url of a .journey.json>   or   embed.html#map=<share code>
// with optional theme=light|dark|auto, lanes=<ids, kinds or titles> and
// height=<CSS length> in the query (or after the code: #map=…&theme=dark).
// It only reads: no local storage, so it works in a sandboxed iframe
// without allow-same-origin.
import { mount } from '../embed.js';

const query = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
const param = (name) => query.get(name) ?? fragment.get(name) ?? undefined;

const theme = param('theme') ?? 'light';
document.body.classList.add(`theme-${['dark', 'auto'].includes(theme) ? theme : 'light'}`);

function show() {
  const frag = new URLSearchParams(location.hash.replace(/^#/, ''));
  const options = { theme, lanes: param('lanes'), height: param('height') ?? '100vh' };
  const code = frag.get('map');
  if (code != null) options.code = code;
  else if (query.get('src') != null) options.src = query.get('src');
  return mount(document.getElementById('map'), options);
}

show();
// A new #map= in the same frame shows the new map.
addEventListener('hashchange', show);
